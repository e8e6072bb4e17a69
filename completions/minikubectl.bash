# bash completion for minikubectl (minikubectl: kubectl over a local state file)
#
# Load it into the current shell:       source <(minikubectl completion bash)
# Or install it:                        minikubectl completion bash > ~/.minikubectl-completion.bash
#                                       echo 'source ~/.minikubectl-completion.bash' >> ~/.bashrc
# To use it under another name, as the kubectl docs do for 'k', also register the alias:
#     alias kubectl=minikubectl
#     complete -o default -F __start_minikubectl kubectl
#
# Every TAB runs 'minikubectl __completeNoDesc <words...> <current word>', which prints one
# candidate per line and then ':<directive>' (cobra's ShellCompDirective bits).

# Rebuild the words before the cursor. Bash also splits at COMP_WORDBREAKS characters
# ('=' and ':'); glue back the pieces that had no blank between them.
__minikubectl_words() {
    local line=${COMP_LINE:0:COMP_POINT} i word stripped
    __minikubectl_w=()
    local n=-1
    for (( i = 0; i <= COMP_CWORD; i++ )); do
        word=${COMP_WORDS[i]}
        stripped=${line#"${line%%[![:space:]]*}"}
        if (( n < 0 )) || [[ ${#stripped} -ne ${#line} ]]; then
            n=$(( n + 1 ))
            __minikubectl_w[n]=""
        fi
        line=$stripped
        if (( ${#word} > ${#line} )); then
            word=${line}
        fi
        __minikubectl_w[n]+=$word
        line=${line:${#word}}
    done
}

# The command to run: the word typed, or what an alias of that word stands for.
__minikubectl_program() {
    local first=$1
    if [[ -n ${BASH_ALIASES[$first]+set} ]]; then
        read -r -a __minikubectl_prog <<< "${BASH_ALIASES[$first]}"
    elif type -P -- "$first" > /dev/null 2>&1 || [[ $first == */* ]]; then
        __minikubectl_prog=("$first")
    else
        __minikubectl_prog=(minikubectl)
    fi
}

__start_minikubectl() {
    local -a __minikubectl_w __minikubectl_prog lines comps
    local cur out directive last i prefix="" c
    COMPREPLY=()
    __minikubectl_words
    cur=${__minikubectl_w[${#__minikubectl_w[@]}-1]}
    # A quote opening the current word is not part of what is completed.
    cur=${cur#[\"\']}
    __minikubectl_program "${__minikubectl_w[0]}"
    out=$("${__minikubectl_prog[@]}" __completeNoDesc "${__minikubectl_w[@]:1:${#__minikubectl_w[@]}-2}" "$cur" 2> /dev/null)
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

complete -F __start_minikubectl minikubectl
