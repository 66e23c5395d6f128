#!/usr/bin/env bash
# Fails when git tracks a build output: an executable that is not a script, a compiled binary
# (ELF, Mach-O, PE, a Go test or archive), or a file over 1 MB outside the places where large files
# belong (the embedded web build web/dist/ and the pictures in docs/). `make vet` runs it.
#
#   scripts/check-repo.sh [DIR]     DIR: a git work tree (default: this repository)
set -euo pipefail

cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}"
limit=$((1024 * 1024))
problems=()

while IFS= read -r -d '' entry; do
	mode=${entry%% *}
	path=${entry#*$'\t'}
	[ -f "$path" ] || continue # deleted in the work tree, not yet committed
	magic=$(head -c 4 "$path" | od -An -tx1 | tr -d ' \n')
	case "$magic" in
	7f454c46 | cffaedfe | cefaedfe | feedface | feedfacf | 4d5a*)
		problems+=("$path: a compiled binary; build outputs belong in .gitignore") ;;
	*)
		if [ "$mode" = 100755 ] && [ "$(head -c 2 "$path")" != '#!' ]; then
			problems+=("$path: executable but not a script (no #! line)")
		fi
		;;
	esac
	size=$(stat -c %s "$path")
	if [ "$size" -gt "$limit" ]; then
		case "$path" in
		web/dist/* | docs/*.png | docs/*.jpg | docs/*.svg) ;;
		*) problems+=("$path: $((size / 1024)) KB; files over 1 MB are build outputs or data that belongs elsewhere") ;;
		esac
	fi
done < <(git ls-files -s -z | sed -z 's/^\([0-9]*\) [0-9a-f]* [0-9]*\t/\1 \t/')

if [ "${#problems[@]}" -gt 0 ]; then
	printf 'check-repo: %s\n' "${problems[@]}" >&2
	exit 1
fi
echo "check-repo: no binaries or unexpected large files tracked"
