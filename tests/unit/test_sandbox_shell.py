"""The sandbox's shell interpreter: syntax, expansions, control flow, built-ins and applets."""

from __future__ import annotations

import pytest

from minikubectl.sim import sandbox

S = 1_000_000_000
T0 = 1767225600 * S  # 2026-01-01T00:00:00Z, a Thursday


def launch(script: str, image: str = "busybox", **extra: object) -> dict:
    base = {"image": image, "argv": ["/bin/sh", "-c", script], "env": {"HOSTNAME": "pod1"}, "hostname": "pod1",
            "start_ns": T0, "inputs": []}
    base.update(extra)
    return base


def sh(script: str, seconds: int = 5, image: str = "busybox", **extra: object) -> tuple[str, str, int | None]:
    """stdout, stderr and the exit code (None: still running) after ``seconds``."""
    result = sandbox.run(launch(script, image, **extra), T0 + seconds * S)
    out = "".join(line + "\n" for _ns, stream, line in result.output if stream == "stdout")
    err = "".join(line + "\n" for _ns, stream, line in result.output if stream == "stderr")
    return out, err, None if result.exit is None else result.exit[1]


def test_counter_pod_from_the_kubernetes_docs():
    script = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'
    result = sandbox.run(launch(script, "busybox:1.28"), T0 + 3 * S)
    assert result.exit is None
    assert [(ns - T0, line) for ns, _s, line in result.output] == [
        (0, "0: Thu Jan  1 00:00:00 UTC 2026"), (1 * S, "1: Thu Jan  1 00:00:01 UTC 2026"),
        (2 * S, "2: Thu Jan  1 00:00:02 UTC 2026"), (3 * S, "3: Thu Jan  1 00:00:03 UTC 2026")]


def test_counter_pod_never_ends_and_next_exit_is_cheap():
    script = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'
    assert sandbox.next_exit(launch(script), T0 + 10 ** 6 * S) is None


@pytest.mark.parametrize("script, expected", [
    ("echo hello world", "hello world\n"),
    ("echo 'single $x' \"double $HOSTNAME\" back\\ slash", "single $x double pod1 back slash\n"),
    ("x=1; y=$((x + 2 * 3)); echo $y $((y % 4)) $((2 ** 10)) $(( (1<<4) | 1 ))", "7 3 1024 17\n"),
    ("i=5; : $((i+=2)); echo $i $((i++)) $i $((--i))", "7 7 8 7\n"),
    ("echo $((10 / 3)) $((-7 / 2)) $((-7 % 2)) $((1 ? 2 : 3)) $((0 || 5 && 1))", "3 -3 -1 2 1\n"),
    ("echo $(echo inner $(echo nested)) `echo back`", "inner nested back\n"),
    ("v='a  b'; echo $v; echo \"$v\"", "a b\na  b\n"),
    ("set -- one 'two three'; for a in \"$@\"; do echo \"[$a]\"; done; echo $#", "[one]\n[two three]\n2\n"),
    ("x=; echo ${x:-def} ${y-unset} ${x:+alt} ${HOSTNAME:+alt}", "def unset alt\n"),
    ("p=/usr/local/bin/tool.tar.gz; echo ${p##*/} ${p%.*} ${p%%.*} ${p#/usr} ${#p}",
     "tool.tar.gz /usr/local/bin/tool.tar /usr/local/bin/tool /local/bin/tool.tar.gz 26\n"),
    (": ${z:=assigned}; echo $z", "assigned\n"),
    ("if [ 1 -lt 2 ]; then echo yes; else echo no; fi", "yes\n"),
    ("if false; then echo a; elif true; then echo b; else echo c; fi", "b\n"),
    ("n=0; while [ $n -lt 3 ]; do echo $n; n=$((n+1)); done", "0\n1\n2\n"),
    ("n=0; until [ $n -ge 2 ]; do n=$((n+1)); done; echo $n", "2\n"),
    ("for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done", "1\n3\n"),
    ("for i in a b; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done", "a1\nb1\n"),
    ("case hello.txt in *.log) echo log;; *.txt|*.md) echo text;; *) echo other;; esac", "text\n"),
    ("case x in [abc]) echo abc;; [!a-w]) echo late;; esac", "late\n"),
    ("greet() { echo \"hi $1 ($#)\"; return 4; }; greet you there; echo $?", "hi you (2)\n4\n"),
    ("f() { local v=in; echo $v; }; v=out; f; echo $v", "in\nout\n"),
    ("true && echo and; false || echo or; false && echo no; ! false && echo neg", "and\nor\nneg\n"),
    ("echo a; (echo sub; exit 3); echo $?", "a\nsub\n3\n"),
    ("x=1; (x=2); { x=3; }; echo $x", "3\n"),
    ("echo one two three | wc -w", "3\n"),
    ("printf 'b\\na\\nc\\n' | sort | head -2", "a\nb\n"),
    ("printf '%s=%d|%5s|%-3s|%03d|%x\\n' k 42 r l 7 255", "k=42|    r|l  |007|ff\n"),
    ("printf '%s\\n' a b c", "a\nb\nc\n"),
    ("echo -n no-newline; echo; echo -e 'tab\\there'", "no-newline\ntab\there\n"),
    ("cat <<EOF\nhello $HOSTNAME\n$((1+1))\nEOF", "hello pod1\n2\n"),
    ("cat <<'EOF'\nraw $HOSTNAME\nEOF", "raw $HOSTNAME\n"),
    ("echo data > /tmp/f; echo more >> /tmp/f; cat /tmp/f; wc -l < /tmp/f", "data\nmore\n2\n"),
    ("echo err 2>/dev/null 1>&2; echo out", "out\n"),
    ("ls /nonexistent 2>&1 | head -1", "ls: /nonexistent: No such file or directory\n"),
    ("mkdir -p /data/a/b && touch /data/a/b/f /data/a/g && ls /data/a && ls /data/a/b", "b\ng\nf\n"),
    ("cd /etc && pwd && cd .. && pwd", "/etc\n/\n"),
    ("echo x > /tmp/a; cp /tmp/a /tmp/b; mv /tmp/b /tmp/c; ls /tmp; rm /tmp/a; ls /tmp", "a\nc\nc\n"),
    ("touch /tmp/x.log /tmp/y.log /tmp/z.txt; echo /tmp/*.log; echo /tmp/*.none", "/tmp/x.log /tmp/y.log\n/tmp/*.none\n"),
    ("printf 'a\\nbb\\nccc\\n' > /f; head -n 1 /f; tail -n 1 /f; tail -2 /f; wc -c < /f", "a\nccc\nbb\nccc\n9\n"),
    ("printf 'apple\\nbanana\\ncherry\\n' | grep an; printf 'x\\ny\\n' | grep -v x; echo A | grep -i a",
     "banana\ny\nA\n"),
    ("printf 'a\\nb\\n' | grep -c .; grep -q root /etc/passwd && echo found", "2\nfound\n"),
    ("echo hello world | sed 's/world/there/'; echo aaa | sed 's/a/b/g'; printf '1\\n2\\n3\\n' | sed -n '2p'",
     "hello there\nbbb\n2\n"),
    ("echo 'k=v' | sed -e 's/\\(.*\\)=\\(.*\\)/\\2=\\1/'; printf 'x\\ny\\n' | sed '/x/d'", "v=k\ny\n"),
    ("seq 3; seq 2 4 | tr '\\n' ' '; echo; seq -s , 1 3", "1\n2\n3\n2 3 4 \n1,2,3\n"),
    ("expr 2 + 3; expr 7 '*' 6; expr length hello; expr 5 '>' 3", "5\n42\n5\n1\n"),
    ("echo HeLLo | tr 'A-Z' 'a-z'; echo a:b:c | cut -d: -f2; printf 'b\\na\\nb\\n' | sort | uniq -c",
     "hello\nb\n      1 a\n      2 b\n"),
    ("basename /a/b/c.txt .txt; dirname /a/b/c.txt", "c\n/a/b\n"),
    ("test -f /etc/passwd && echo file; [ -d /etc ] && echo dir; [ -z '' ] && [ -n x ] && echo strings",
     "file\ndir\nstrings\n"),
    ("[ abc = abc -a 1 -eq 1 ] && echo ok; [ ! -e /nope ] && echo none", "ok\nnone\n"),
    ("hostname; whoami; id", "pod1\nroot\nuid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),"
     "6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n"),
    ("FOO=bar; export FOO; env | grep FOO; printenv FOO; BAZ=1 env | grep BAZ", "FOO=bar\nbar\nBAZ=1\n"),
    ("date +%Y-%m-%dT%H:%M:%S; date -u +%s; date -d @86400 '+%a %d %b'", "2026-01-01T00:00:00\n1767225600\nFri 02 Jan\n"),
    ("x=$(printf 'a\\n\\n'); echo \"[$x]\"", "[a]\n"),
    ("IFS=:; set -- $(echo a:b:c); echo $# $2", "3 b\n"),
    ("read a b <<EOF\none two three\nEOF\necho \"$a|$b\"", "one|two three\n"),
    ("printf 'l1\\nl2\\n' > /f; while read line; do echo \"got $line\"; done < /f", "got l1\ngot l2\n"),
    ("eval 'x=5; echo $x'", "5\n"),
    ("trap 'echo bye' EXIT; echo hi", "hi\nbye\n"),
    ("echo ~ ~/x", "/root /root/x\n"),
    ("a=1; b=a; echo $(( $b + 1 )) $((b + 1))", "2 2\n"),
])
def test_shell_programs(script: str, expected: str):
    out, err, code = sh(script)
    assert (out, err) == (expected, "")
    assert code is not None


@pytest.mark.parametrize("script, stderr, code", [
    ("nosuchcmd", "sh: nosuchcmd: not found\n", 127),
    ("exit 3", "", 3),
    ("false", "", 1),
    ("cat /nope", "cat: can't open '/nope': No such file or directory\n", 1),
    ("echo $((1/0))", "sh: divide by zero\n", 2),
    ("if true; then", "sh: syntax error: unexpected end of file\n", 2),
    ("echo 'unterminated", "sh: syntax error: unterminated quoted string\n", 2),
    ("set -e; false; echo not-reached", "", 1),
    ("set -u; echo $nope", "sh: nope: parameter not set\n", 2),
    ("echo x > /nodir/file", "sh: can't create /nodir/file: No such file or directory\n", 1),
    ("mkdir /a/b", "mkdir: can't create directory '/a/b': No such file or directory\n", 1),
    ("rm /nope", "rm: can't remove '/nope': No such file or directory\n", 1),
    ("cd /nope", "sh: cd: can't cd to /nope: No such file or directory\n", 2),
])
def test_shell_errors(script: str, stderr: str, code: int):
    out, err, exit_code = sh(script)
    assert (err, exit_code) == (stderr, code)


def test_bash_and_dash_wording_on_debian_images():
    assert sh("nosuch", image="ubuntu", argv=["bash", "-c", "nosuch"])[1:] == \
        ("bash: line 1: nosuch: command not found\n", 127)
    assert sh("nosuch", image="debian")[1:] == ("sh: 1: nosuch: not found\n", 127)
    assert sh("cat /nope", image="debian")[1] == "cat: /nope: No such file or directory\n"


def test_sleep_advances_only_the_simulated_clock():
    result = sandbox.run(launch("echo a; sleep 2; echo b; sleep 0.5; echo c; exit 4"), T0 + 10 * S)
    assert [(ns - T0, line) for ns, _s, line in result.output] == [(0, "a"), (2 * S, "b"), (int(2.5 * S), "c")]
    assert result.exit == (T0 + int(2.5 * S), 4)
    assert sandbox.next_exit(launch("sleep 2; exit 4"), T0 + 10 * S) == (T0 + 2 * S, 4)
    assert sandbox.next_exit(launch("sleep 20; exit 4"), T0 + 10 * S) is None


def test_a_loop_that_never_sleeps_hits_the_step_budget():
    out, err, code = sh("while true; do :; done")
    assert code == 2 and err.startswith("sh: step budget exceeded")
    out, err, code = sh("f() { f; }; f")
    assert code == 2 and "depth" in err


def test_output_is_bounded_and_yes_cannot_spin_for_ever():
    result = sandbox.run(launch("yes"), T0 + 1 * S)
    assert result.exit is not None and result.exit[1] == 2
    assert sum(len(line) + 1 for _n, _s, line in result.output) <= 11 * 1024 * 1024


def test_background_job_and_wait():
    out, err, code = sh("sleep 2 & echo started; wait; echo done $(date +%S)")
    assert (out, code) == ("started\ndone 02\n", 0)


def test_interactive_shell_reads_stdin_lines():
    result = sandbox.run(launch("", argv=["sh"], stdin_open=True,
                                inputs=[["stdin", T0 + S, "echo one\n"], ["stdin", T0 + 2 * S, "x=2; echo $x\nexit 5\n"]]),
                         T0 + 10 * S)
    assert [(ns - T0, line) for ns, _s, line in result.output] == [(S, "one"), (2 * S, "2")]
    assert result.exit == (T0 + 2 * S, 5)
    # without stdin, a plain `sh` (busybox's default command) ends at once
    assert sandbox.run(launch("", argv=["sh"]), T0 + S).exit == (T0, 0)
