"""``completion SHELL``: print a shell script that completes minikubectl through ``__complete``.

The scripts speak cobra's protocol (see ``minikubectl.cli.complete``): they call
``<program> __complete <words before the cursor...> <word at the cursor>``, read one
candidate per line and a last line ``:<directive>``, and act on the directive bits
(1 error, 2 no space, 4 no file completion, 8 file extensions, 16 directories, 32 keep order).
They are written for this project; only the protocol is cobra's.
"""

from __future__ import annotations

import re

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Output shell completion code for the specified shell (bash, zsh, fish, or powershell)"


def flags() -> list[Flag]:
    return []


def _usage_error(message: str) -> errors.ClientError:
    # kubectl's cmdutil.UsageErrorf wording for this command.
    return errors.ClientError(f"{message}\nSee 'kubectl completion -h' for help and examples")


def run(env: Env, parsed: ParsedArgs) -> int:
    if not parsed.args:
        raise _usage_error("Shell not specified.")
    if len(parsed.args) > 1:
        raise _usage_error("Too many arguments. Expected only the shell type.")
    shell = parsed.args[0]
    if shell not in SCRIPTS:
        raise _usage_error(f'Unsupported shell type "{shell}".')
    env.stdout.write(script(shell))
    return 0


def script(shell: str, program: str = "minikubectl") -> str:
    """The completion script for ``shell`` completing command ``program``."""
    func = re.sub(r"[^A-Za-z0-9_]", "_", program)
    return SCRIPTS[shell].replace("@PROG@", program).replace("@FUNC@", func)


BASH = r'''# bash completion for @PROG@ (minikubectl: kubectl over a local state file)
#
# Load it into the current shell:       source <(@PROG@ completion bash)
# Or install it:                        @PROG@ completion bash > ~/.@FUNC@-completion.bash
#                                       echo 'source ~/.@FUNC@-completion.bash' >> ~/.bashrc
# To use it under another name, as the kubectl docs do for 'k', also register the alias:
#     alias kubectl=@PROG@
#     complete -o default -F __start_@FUNC@ kubectl
#
# Every TAB runs '@PROG@ __completeNoDesc <words...> <current word>', which prints one
# candidate per line and then ':<directive>' (cobra's ShellCompDirective bits).

# Rebuild the words before the cursor. Bash also splits at COMP_WORDBREAKS characters
# ('=' and ':'); glue back the pieces that had no blank between them.
__@FUNC@_words() {
    local line=${COMP_LINE:0:COMP_POINT} i word stripped
    __@FUNC@_w=()
    local n=-1
    for (( i = 0; i <= COMP_CWORD; i++ )); do
        word=${COMP_WORDS[i]}
        stripped=${line#"${line%%[![:space:]]*}"}
        if (( n < 0 )) || [[ ${#stripped} -ne ${#line} ]]; then
            n=$(( n + 1 ))
            __@FUNC@_w[n]=""
        fi
        line=$stripped
        if (( ${#word} > ${#line} )); then
            word=${line}
        fi
        __@FUNC@_w[n]+=$word
        line=${line:${#word}}
    done
}

# The command to run: the word typed, or what an alias of that word stands for.
__@FUNC@_program() {
    local first=$1
    if [[ -n ${BASH_ALIASES[$first]+set} ]]; then
        read -r -a __@FUNC@_prog <<< "${BASH_ALIASES[$first]}"
    elif type -P -- "$first" > /dev/null 2>&1 || [[ $first == */* ]]; then
        __@FUNC@_prog=("$first")
    else
        __@FUNC@_prog=(@PROG@)
    fi
}

__start_@FUNC@() {
    local -a __@FUNC@_w __@FUNC@_prog lines comps
    local cur out directive last i prefix="" c
    COMPREPLY=()
    __@FUNC@_words
    cur=${__@FUNC@_w[${#__@FUNC@_w[@]}-1]}
    # A quote opening the current word is not part of what is completed.
    cur=${cur#[\"\']}
    __@FUNC@_program "${__@FUNC@_w[0]}"
    out=$("${__@FUNC@_prog[@]}" __completeNoDesc "${__@FUNC@_w[@]:1:${#__@FUNC@_w[@]}-2}" "$cur" 2> /dev/null)
    mapfile -t lines <<< "$out"
    last=${lines[${#lines[@]}-1]}
    if [[ $last =~ ^:([0-9]+)$ ]]; then
        directive=${BASH_REMATCH[1]}
        unset 'lines[${#lines[@]}-1]'
    else
        directive=1
    fi
    if (( directive & 1 )); then
        return
    fi
    for c in "${lines[@]}"; do
        [[ -n $c ]] && comps+=("$c")
    done
    # --flag=value: bash replaces only the part after '=' when '=' is a word break.
    if [[ $cur == -*=* ]]; then
        prefix="${cur%%=*}="
        cur=${cur#*=}
    fi
    if (( directive & 8 )); then
        local exts
        exts=$(IFS='|'; echo "${comps[*]}")
        compopt -o filenames 2> /dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$cur"; shopt -s extglob; compgen -f -X "!*.@($exts)" -- "$cur")
        return
    fi
    if (( directive & 16 )); then
        compopt -o filenames 2> /dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        return
    fi
    for c in "${comps[@]}"; do
        if [[ $c == "$cur"* ]]; then
            COMPREPLY+=("$c")
        fi
    done
    if [[ -n $prefix && $COMP_WORDBREAKS != *=* ]]; then
        for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$prefix${COMPREPLY[i]}; done
    fi
    if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
        local colon=${cur%"${cur##*:}"}
        for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=${COMPREPLY[i]#"$colon"}; done
    fi
    (( directive & 2 )) && compopt -o nospace 2> /dev/null
    (( directive & 32 )) && compopt -o nosort 2> /dev/null
    if (( ${#COMPREPLY[@]} == 0 && (directive & 4) == 0 )); then
        compopt -o default 2> /dev/null
    fi
    return 0
}

complete -F __start_@FUNC@ @PROG@
'''

ZSH = r'''#compdef @PROG@
compdef _@FUNC@ @PROG@

# zsh completion for @PROG@ (minikubectl: kubectl over a local state file)
#
# Load it into the current shell:   source <(@PROG@ completion zsh)
# Or install it on $fpath:          @PROG@ completion zsh > "${fpath[1]}/_@PROG@"
# With an alias, as the kubectl docs do:  alias kubectl=@PROG@   (zsh completes aliases
# through what they stand for unless 'setopt complete_aliases' is on; then also run
# 'compdef _@FUNC@ kubectl').
#
# Every TAB runs '@PROG@ __complete <words...> <current word>', which prints
# 'name<TAB>description' lines and then ':<directive>' (cobra's ShellCompDirective bits).

_@FUNC@() {
    local cur=${words[CURRENT]} out directive prefix="" line name desc
    local -a lines comps prog opts
    prog=(${words[1]})
    if (( ${+aliases[${words[1]}]} )); then
        prog=(${(z)aliases[${words[1]}]})
    elif ! (( ${+commands[${words[1]}]} )) && [[ ${words[1]} != */* ]]; then
        prog=(@PROG@)
    fi
    out=$("${prog[@]}" __complete "${(@)words[2,CURRENT-1]}" "${cur}" 2> /dev/null)
    lines=("${(@f)out}")
    directive=${lines[-1]}
    if [[ $directive != :<-> ]]; then
        return 1
    fi
    directive=${directive#:}
    lines[-1]=()
    (( directive & 1 )) && return 1
    if [[ $cur == -*=* ]]; then
        compset -P '*='
    fi
    if (( directive & 8 )); then
        local glob="*.(${(j:|:)lines})"
        _files -g "$glob"
        return
    fi
    if (( directive & 16 )); then
        _files -/
        return
    fi
    for line in "${lines[@]}"; do
        [[ -z $line ]] && continue
        name=${line%%$'\t'*}
        desc=""
        [[ $line == *$'\t'* ]] && desc=${line#*$'\t'}
        name=${name//:/\\:}
        if [[ -n $desc ]]; then
            comps+=("${name}:${desc}")
        else
            comps+=("${name}")
        fi
    done
    (( directive & 2 )) && opts+=(-S '')
    if (( ${#comps} )); then
        if (( directive & 32 )); then
            _describe -V -t values 'completions' comps "${opts[@]}"
        else
            _describe -t values 'completions' comps "${opts[@]}"
        fi
        return
    fi
    if (( directive & 4 )); then
        return 1
    fi
    _files
}

if [[ $funcstack[1] == _@FUNC@ ]]; then
    _@FUNC@ "$@"
fi
'''

FISH = r'''# fish completion for @PROG@ (minikubectl: kubectl over a local state file)
#
# Load it into the current shell:   @PROG@ completion fish | source
# Or install it:                    @PROG@ completion fish > ~/.config/fish/completions/@PROG@.fish
# With an alias, as the kubectl docs do:  alias kubectl=@PROG@; complete -c kubectl -w @PROG@
#
# Every TAB runs '@PROG@ __complete <words...> <current word>', which prints
# 'name<TAB>description' lines and then ':<directive>' (cobra's ShellCompDirective bits).

function __@FUNC@_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l prog $words[1]
    if not command -q $prog
        set prog @PROG@
    end
    set -l out ($prog __complete $words[2..-1] $cur 2>/dev/null)
    set -l directive (string replace -r '^:' '' -- $out[-1])
    if not string match -qr '^[0-9]+$' -- $directive
        return
    end
    set -e out[-1]
    if test (math "bitand($directive, 1)") -ne 0
        return
    end
    set -l prefix ""
    if string match -q -- '-*=*' $cur
        set prefix (string replace -r '=.*' '=' -- $cur)
        set cur (string replace -r '^[^=]*=' '' -- $cur)
    end
    if test (math "bitand($directive, 8)") -ne 0
        for f in (__fish_complete_path $cur)
            if string match -q -- '*/' $f; or string match -qr -- '\.('(string join '|' $out)')$' $f
                echo $prefix$f
            end
        end
        return
    end
    if test (math "bitand($directive, 16)") -ne 0
        __fish_complete_directories $cur
        return
    end
    for line in $out
        if string match -q -- "$cur*" $line
            echo $prefix$line
        end
    end
    if test (count $out) -eq 0; and test (math "bitand($directive, 4)") -eq 0
        __fish_complete_path $cur
    end
end

complete -c @PROG@ -e
complete -c @PROG@ -f -a '(__@FUNC@_complete)'
'''

POWERSHELL = r'''# powershell completion for @PROG@ (minikubectl: kubectl over a local state file)
#
# Load it into the current shell:   @PROG@ completion powershell | Out-String | Invoke-Expression
# With an alias:                    Set-Alias -Name kubectl -Value @PROG@
#                                   Register-ArgumentCompleter -CommandName kubectl -ScriptBlock $__@FUNC@CompleterBlock
#
# Every TAB runs '@PROG@ __complete <words...> <current word>', which prints
# 'name<TAB>description' lines and then ':<directive>' (cobra's ShellCompDirective bits).

$__@FUNC@CompleterBlock = {
    param($WordToComplete, $CommandAst, $CursorPosition)
    $words = @($CommandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $CursorPosition } |
        ForEach-Object { $_.ToString() })
    $before = @($words | Select-Object -Skip 1)
    if ($WordToComplete -ne '' -and $before.Count -gt 0) { $before = @($before | Select-Object -SkipLast 1) }
    $out = @(& '@PROG@' __complete @before "$WordToComplete" 2> $null)
    if ($out.Count -eq 0 -or $out[-1] -notmatch '^:(\d+)$') { return }
    $directive = [int]$Matches[1]
    if ($directive -band 1) { return }
    $prefix = ''
    $cur = $WordToComplete
    if ($cur -match '^(-[^=]*=)(.*)$') { $prefix = $Matches[1]; $cur = $Matches[2] }
    $out | Select-Object -SkipLast 1 | Where-Object { $_ -ne '' } | ForEach-Object {
        $name, $desc = $_ -split "`t", 2
        if (-not $desc) { $desc = ' ' }
        if ($name.StartsWith($cur)) {
            [System.Management.Automation.CompletionResult]::new($prefix + $name, $name, 'ParameterValue', $desc)
        }
    }
}

Register-ArgumentCompleter -CommandName '@PROG@' -ScriptBlock $__@FUNC@CompleterBlock
'''

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH, "powershell": POWERSHELL}
