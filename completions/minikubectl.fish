# fish completion for minikubectl (minikubectl: kubectl over a local state file)
#
# Load it into the current shell:   minikubectl completion fish | source
# Or install it:                    minikubectl completion fish > ~/.config/fish/completions/minikubectl.fish
# With an alias, as the kubectl docs do:  alias kubectl=minikubectl; complete -c kubectl -w minikubectl
#
# Every TAB runs 'minikubectl __complete <words...> <current word>', which prints
# 'name<TAB>description' lines and then ':<directive>' (cobra's ShellCompDirective bits).

function __minikubectl_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l prog $words[1]
    if not command -q $prog
        set prog minikubectl
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

complete -c minikubectl -e
complete -c minikubectl -f -a '(__minikubectl_complete)'
