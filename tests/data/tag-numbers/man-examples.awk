# Turn each example of a man page (a .Bd -literal block whose first line
# starts with "$ ") into a shell check: run the command, compare its output
# with the lines printed after it, trailing blanks ignored.
/^\.Bd -literal/ { inblock = 1; cmd = ""; n = 0; next }
/^\.Ed/ {
	if (inblock && cmd != "") {
		printf "out=$(%s | sed \"s/[[:space:]]*$//\")\n", cmd
		printf "expect=$(cat <<'ZJ_EXPECT'\n"
		for (i = 1; i <= n; i++)
			print want[i]
		printf "ZJ_EXPECT\n)\n"
		printf "expect=$(printf \"%%s\\n\" \"$expect\" | sed \"s/[[:space:]]*$//\")\n"
		printf "[ \"$out\" = \"$expect\" ] || { echo \"example failed: %s\" >&2; diff <(echo \"$expect\") <(echo \"$out\") >&2; exit 1; }\n", n
	}
	inblock = 0; next
}
inblock && cmd == "" && /^\$ / { cmd = substr($0, 3); cont = ($0 ~ /\|$/); next }
inblock && cont { cmd = cmd " " $0; sub(/^ +/, "", $0); cont = ($0 ~ /\|$/); next }
inblock && cmd != "" { want[++n] = $0 }
