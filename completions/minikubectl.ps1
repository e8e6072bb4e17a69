# powershell completion for minikubectl (minikubectl: kubectl over a local state file)
#
# Load it into the current shell:   minikubectl completion powershell | Out-String | Invoke-Expression
# With an alias:                    Set-Alias -Name kubectl -Value minikubectl
#                                   Register-ArgumentCompleter -CommandName kubectl -ScriptBlock $__minikubectlCompleterBlock
#
# Every TAB runs 'minikubectl __complete <words...> <current word>', which prints
# 'name<TAB>description' lines and then ':<directive>' (cobra's ShellCompDirective bits).

$__minikubectlCompleterBlock = {
    param($WordToComplete, $CommandAst, $CursorPosition)
    $words = @($CommandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $CursorPosition } |
        ForEach-Object { $_.ToString() })
    $before = @($words | Select-Object -Skip 1)
    if ($WordToComplete -ne '' -and $before.Count -gt 0) { $before = @($before | Select-Object -SkipLast 1) }
    $out = @(& 'minikubectl' __complete @before "$WordToComplete" 2> $null)
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

Register-ArgumentCompleter -CommandName 'minikubectl' -ScriptBlock $__minikubectlCompleterBlock
