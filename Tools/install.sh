#!/bin/sh
# Installs vanban under ROOT (the Makefile passes $(DESTDIR)$(PREFIX)):
#   ROOT/bin/vanban                                   the program
#   ROOT/share/man/man1/vanban.1                      its manual page
#   ROOT/share/bash-completion/completions/vanban     completion for bash,
#   ROOT/share/zsh/site-functions/_vanban             zsh
#   ROOT/share/fish/vendor_completions.d/vanban.fish  and fish
#   ROOT/share/doc/vanban/{json,documents}.md         the JSON fields and how directives are written
# The page and the completions are written by BINARY itself (swift-argument-parser's
# --generate-completion-script and --experimental-dump-help), so they describe exactly the
# program installed. Everything is generated before anything is copied.
#
#   Tools/install.sh BINARY ROOT
#   Tools/install.sh --uninstall ROOT
set -eu
here=$(cd "$(dirname "$0")" && pwd)
files="bin/vanban share/man/man1/vanban.1 share/bash-completion/completions/vanban
share/zsh/site-functions/_vanban share/fish/vendor_completions.d/vanban.fish
share/doc/vanban/json.md share/doc/vanban/documents.md"

fail() {
  echo "install.sh: $*" >&2
  exit 2
}

if [ "${1:-}" = --uninstall ]; then
  [ $# -eq 2 ] || fail "usage: install.sh --uninstall ROOT"
  root=$2
  for file in $files; do
    if [ -e "$root/$file" ] || [ -L "$root/$file" ]; then
      rm -f "$root/$file"
      echo "removed $root/$file"
    fi
  done
  rmdir "$root/share/doc/vanban" 2>/dev/null || true
  exit 0
fi

[ $# -eq 2 ] || fail "usage: install.sh BINARY ROOT"
binary=$1 root=$2
[ -x "$binary" ] || fail "$binary: no such program; build it first (make release)"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to write the manual page"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for shell in bash zsh fish; do
  "$binary" --generate-completion-script "$shell" >"$work/$shell" || fail "$binary cannot write its $shell completion"
done
"$binary" --experimental-dump-help >"$work/help.json" || fail "$binary cannot describe its commands"
version=$("$binary" --version) || fail "$binary --version failed"
python3 "$here/manpage.py" "$version" <"$work/help.json" >"$work/vanban.1" || fail "cannot write the manual page"

put() { # MODE SOURCE DESTINATION
  install -d "$(dirname "$3")"
  install -m "$1" "$2" "$3"
  echo "installed $3"
}
put 755 "$binary" "$root/bin/vanban"
put 644 "$work/vanban.1" "$root/share/man/man1/vanban.1"
put 644 "$work/bash" "$root/share/bash-completion/completions/vanban"
put 644 "$work/zsh" "$root/share/zsh/site-functions/_vanban"
put 644 "$work/fish" "$root/share/fish/vendor_completions.d/vanban.fish"
put 644 "$here/../docs/json.md" "$root/share/doc/vanban/json.md"
put 644 "$here/../docs/documents.md" "$root/share/doc/vanban/documents.md"
