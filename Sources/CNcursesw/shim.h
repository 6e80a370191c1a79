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
#endif
