#ifndef VANBAN_CNCURSESW_SHIM_H
#define VANBAN_CNCURSESW_SHIM_H
// SwiftPM drops the -D_XOPEN_SOURCE that pkg-config reports; without it the
// wide-character API (mvaddwstr, get_wch, wchar_t) stays hidden.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>
#include <term.h>

// Macros Swift cannot import, as functions.
static inline attr_t vanban_attr_bold(void) { return A_BOLD; }
static inline attr_t vanban_attr_reverse(void) { return A_REVERSE; }
static inline attr_t vanban_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t vanban_attr_dim(void) { return A_DIM; }
static inline attr_t vanban_color_pair(short pair) { return COLOR_PAIR(pair); }
static inline int vanban_attrset(attr_t attributes) { return attrset(attributes); }
static inline mmask_t vanban_mouse_events(void) {
  return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int vanban_is_click(mmask_t state) { return (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int vanban_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int vanban_is_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }
#endif
