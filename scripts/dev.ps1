<#
.SYNOPSIS
  石柱绿色低碳工作推进填报 — set-up, run, test, lint and build on Windows, without make.

.DESCRIPTION
  The same steps as the Makefile, for PowerShell 5.1 or 7 on Windows 10/11:
    .\scripts\dev.ps1 setup       create .venv (Python 3.11 preferred) and install the program with test, lint, dist
    .\scripts\dev.ps1 run         start the window (the default database in %LOCALAPPDATA%\shizhu-desktop)
    .\scripts\dev.ps1 test        the whole test suite, offscreen
    .\scripts\dev.ps1 lint        ruff and mypy
    .\scripts\dev.ps1 dist        the one-folder program dist\shizhu-desktop\ and its check with no Python
    .\scripts\dev.ps1 installer   dist\shizhu-desktop-<version>-setup.exe (needs Inno Setup 6.3 or newer)
  Every command runs `setup` first when .venv is missing. If PowerShell refuses to run scripts, start it with
    powershell -ExecutionPolicy Bypass -File .\scripts\dev.ps1 test
#>
param(
  [Parameter(Position = 0)]
  [ValidateSet('setup', 'run', 'test', 'lint', 'dist', 'installer')]
  [string]$Command = 'run'
)

$ErrorActionPreference = 'Stop'
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Python = Join-Path $Root '.venv\Scripts\python.exe'
$env:PYTHONUTF8 = '1'               # Chinese in paths and output, whatever the system code page
$env:PYTHONDONTWRITEBYTECODE = '1'

function Invoke-Checked([string]$Program, [string[]]$Arguments) {
  & $Program @Arguments
  if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed (exit $LASTEXITCODE)" }
}

function Find-BasePython {
  # The py launcher picks an installed 3.11 (the version the bundle is built and tested with), else any 3.
  # (Returned with a leading comma: PowerShell would otherwise unroll a one-element array into a string.)
  $ErrorActionPreference = 'Continue'  # PowerShell 5.1 turns a native program's stderr into a terminating error
  if (Get-Command py -ErrorAction SilentlyContinue) {
    foreach ($version in @('-3.11', '-3')) {
      & py $version -c 'import sys' 2>$null
      if ($LASTEXITCODE -eq 0) { return , @('py', $version) }
    }
  }
  if (Get-Command python -ErrorAction SilentlyContinue) { return , @('python') }
  $ErrorActionPreference = 'Stop'
  throw '找不到 Python：请从 python.org 安装 Python 3.11（64 位），安装时勾选 “Add python.exe to PATH”。'
}

function Install-Venv {
  if (-not (Test-Path $Python)) {
    $base = Find-BasePython
    $arguments = @($base | Select-Object -Skip 1) + @('-m', 'venv', '.venv')
    Invoke-Checked $base[0] $arguments
  }
  Invoke-Checked $Python @('-m', 'pip', 'install', '--quiet', '--upgrade', 'pip')
  Invoke-Checked $Python @('-m', 'pip', 'install', '--quiet', '-e', '.[test,lint,dist]')
}

if ($Command -eq 'setup' -or -not (Test-Path $Python)) { Install-Venv }

switch ($Command) {
  'setup' { Write-Host '已准备好 .venv。' }
  'run' { Invoke-Checked $Python @('main.py') }
  'test' {
    $env:QT_QPA_PLATFORM = 'offscreen'
    Invoke-Checked $Python @('-m', 'pytest', '-q')
  }
  'lint' {
    Invoke-Checked $Python @('-m', 'ruff', 'check', '.')
    Invoke-Checked $Python @('-m', 'ruff', 'format', '--check', '.')
    Invoke-Checked $Python @('-m', 'mypy')
  }
  'dist' {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue build\pyinstaller, dist\shizhu-desktop
    Invoke-Checked $Python @('-m', 'PyInstaller', '--noconfirm', '--clean', '--log-level', 'WARN',
      '--distpath', 'dist', '--workpath', 'build\pyinstaller', 'packaging\shizhu-desktop.spec')
    Invoke-Checked $Python @('packaging\check_bundle.py', 'dist\shizhu-desktop')
  }
  'installer' {
    if (-not (Test-Path 'dist\shizhu-desktop\shizhu-desktop.exe')) { throw '请先运行 .\scripts\dev.ps1 dist' }
    $iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
    if (-not $iscc) {
      $iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
    }
    if (-not $iscc) { throw '找不到 Inno Setup 6（ISCC.exe）：请先安装 Inno Setup 6.3 或更新版本。' }
    $version = & $Python -c 'from shizhu_desktop.version import source_version; print(source_version())'
    Invoke-Checked $iscc @("/DAppVersion=$version", 'packaging\windows\shizhu-desktop.iss')
  }
}
