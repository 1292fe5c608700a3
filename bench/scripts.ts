/**
 * The small-script latency suite (bench/run.ts): ~60 short scripts across the shell's features
 * and the common tools. Every script is deterministic, touches only files it creates under the
 * current directory (real bash runs in a fresh temporary directory, sandbash and just-bash in
 * their home directory), sets every variable it reads (a warm sandbash instance keeps shell state
 * between exec calls, as one shell session does), and its output is checked against real bash's.
 */
export const SCRIPTS: Record<string, string> = {
  // output and quoting
  "echo hi": "echo hi",
  "echo quoting": `echo 'single' "double $HOME" $'ansi\\tc' "a"'b'c`,
  "printf formats": `printf '%s=%d %05.2f %x %-4s|\\n' a 42 3.14159 255 ab`,
  "printf loop": `printf '%s\\n' one two three four five six`,
  // variables and parameters
  "assignments": "a=1 b=2 c=$a$b; echo $c",
  "param default": 'unset x; echo "${x:-def} ${x-other} ${#HOME}"',
  "param strip": 'p=/usr/local/lib/libfoo.so.1; echo "${p##*/} ${p%/*} ${p#/usr} ${p%%.*}"',
  "param replace": 's="hello world hello"; echo "${s/hello/bye} ${s//hello/bye} ${s^^} ${s:6:5}"',
  "positional": 'set -- a b c d; echo "$# $1 ${@:2:2} ${!#}"; shift 2; echo "$*"',
  "special params": "set -- x y; true; echo $?; false; echo $? $# ${#1}",
  // arithmetic
  "arith expansion": "echo $(( (7 + 3) * 4 / 2 % 7 )) $(( 2 ** 10 )) $(( 0x1f | 0b1 ))",
  "arith command": "x=5; (( x += 3, y = x * 2 )); echo $x $y",
  "let and inc": "i=0; let i++ i+=5; echo $i",
  // arrays
  "indexed array": 'a=(x y z); a+=(w); echo "${a[@]} ${#a[@]} ${a[2]} ${!a[@]}"',
  "assoc array": 'declare -A m=([k1]=v1 [k2]=v2); m[k3]=v3; for k in k1 k2 k3; do echo "$k=${m[$k]}"; done',
  "array slice": 'a=(1 2 3 4 5 6); echo "${a[@]:1:3}" "${a[@]/3/x}"',
  // control flow
  "if elif": "x=7; if [ $x -lt 5 ]; then echo low; elif [ $x -lt 10 ]; then echo mid; else echo high; fi",
  "case": 'for w in apple Banana cherry 42; do case $w in a*) echo A;; [A-Z]*) echo upper;; *[0-9]) echo num;; *) echo other;; esac; done',
  "for list": "s=0; for i in 1 2 3 4 5; do s=$((s+i)); done; echo $s",
  "for arith 100": "s=0; for ((i=0; i<100; i++)); do s=$((s+i)); done; echo $s",
  "for loop 100": "for i in $(seq 1 100); do x=$i; done; echo $x",
  "while loop 100": "i=0; while [ $i -lt 100 ]; do i=$((i+1)); done; echo $i",
  "until break": "i=0; until false; do i=$((i+1)); [ $i -ge 10 ] && break; done; echo $i",
  "nested loops": 'for i in 1 2 3; do for j in a b; do printf "%s%s " $i $j; done; done; echo',
  "brace expansion": "echo {a,b,c}-{1..3} {01..05}",
  // functions and scoping
  "function calls": 'f() { echo "$1"; }; for w in a b c d e f g h; do f $w; done > o.txt; cat o.txt',
  "function local": 'x=g; f() { local x=l; echo $x; }; f; echo $x',
  "function return": "f() { return 3; }; f; echo $?",
  "recursion": "fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1-1))) )); fi; }; fact 8",
  // subshells and substitution
  "command subst": 'x=$(echo inner); y=`echo back`; echo "$x $y"',
  "nested subst": 'echo "$(echo "$(echo deep)")"',
  "subshell isolation": "x=1; (x=2; echo $x); echo $x",
  "process subst": "cat <(echo from-procsubst)",
  // pipelines and lists
  "pipeline": "echo one | cat | cat",
  "pipeline 4": "printf '%s\\n' c a b a | sort | uniq -c | sort -rn",
  "pipestatus": "false | true; echo ${PIPESTATUS[@]}",
  "and or lists": "true && echo yes || echo no; false && echo yes || echo no",
  // redirections and here-docs
  "redirect and cat": "echo data > f.txt; echo more >> f.txt; cat < f.txt",
  "stderr redirect": "ls nonexistent-file 2>/dev/null || echo missing; echo err 2>&1 >&2 | cat",
  "here-doc": 'name=World; cat <<EOF\nHello, $name\nLine two\nEOF',
  "here-string": "tr a-z A-Z <<< 'shout this'",
  "read loop": 'printf "a 1\\nb 2\\nc 3\\n" > in.txt; while read -r k v; do echo "$v:$k"; done < in.txt',
  // conditionals
  "test builtin": '[ -n "x" ] && [ "a" != "b" ] && [ 3 -gt 2 ] && echo ok',
  "[[ ]] patterns": 'f=report.txt; [[ $f == *.txt && $f =~ ^re(p)ort ]] && echo "match ${BASH_REMATCH[1]}"',
  "file tests": "mkdir -p d; touch d/f; [ -d d ] && [ -f d/f ] && [ ! -e d/g ] && echo files-ok",
  // text tools
  "grep": 'printf "alpha\\nbeta\\ngamma\\ndelta\\n" | grep -n a',
  "grep -c -E": 'printf "ab\\ncd\\nabab\\n" | grep -cE "(ab)+"',
  "sed substitute": "echo 'hello world' | sed 's/o/0/g; s/^h/H/'",
  "sed lines": "seq 1 10 | sed -n '3,5p'",
  "awk fields": "printf 'a 1\\nb 2\\nc 3\\n' | awk '{ s += $2; print $1 } END { print s }'",
  "awk printf": "echo '3 4' | awk '{ printf \"%d*%d=%d\\n\", $1, $2, $1*$2 }'",
  "sort numeric": "printf '10\\n9\\n100\\n1\\n' | sort -n",
  "cut and tr": "echo 'a:b:c:d' | cut -d: -f2,4 | tr ':' '-'",
  "wc": "printf 'one two\\nthree\\n' | wc",
  "head tail": "seq 1 20 | head -n 15 | tail -n 3",
  "seq": "seq 2 3 20",
  "xargs": "printf 'a\\nb\\nc\\n' | xargs echo items:",
  "basename dirname": "basename /a/b/c.txt .txt; dirname /a/b/c.txt",
  "files": "mkdir -p p/q; echo x > p/q/r.txt; ls p/q; find p -name '*.txt'",
  "cp mv rm": "echo c > a1; cp a1 a2; mv a2 a3; rm a1; cat a3; ls a1 a3 2>/dev/null",
  "glob": "touch g1.log g2.log g3.txt; echo g*.log",
  "expr": "expr 6 \\* 7",
  "tee": "echo tee-data | tee t.txt > /dev/null; cat t.txt",
  "paste": "printf '1\\n2\\n' > c1; printf 'a\\nb\\n' > c2; paste c1 c2",
};
