; 石柱绿色低碳工作推进填报 — one-click installer for Windows 10/11 (Inno Setup 6).
;
; Per user: installs into %LOCALAPPDATA%\Programs\shizhu-desktop without administrator rights, adds a Start-menu
; entry and a desktop shortcut, and offers to start the program. Uninstalling (Windows 设置 → 应用) removes the
; program only: the clerk's data in %LOCALAPPDATA%\shizhu-desktop stays.
;
; Build the program folder first (scripts\dev.ps1 dist, which runs PyInstaller and the bundle check), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\shizhu-desktop.iss
; The installer is written to dist\shizhu-desktop-<version>-setup.exe. docs\安装与发布.md has every step.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "石柱绿色低碳工作推进填报"
#define AppExe "shizhu-desktop.exe"
#define Root AddBackslash(SourcePath) + "..\.."
#define Bundle Root + "\dist\shizhu-desktop"
#define Icon Root + "\resources\icons\shizhu.ico"
#define ChineseMessages AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"

#if !FileExists(Bundle + "\" + AppExe)
  #error dist\shizhu-desktop\shizhu-desktop.exe is missing: build the program folder first (scripts\dev.ps1 dist)
#endif

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{5E60FB27-97B3-4DE4-887C-806BB41D2254}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=石柱县人民政府督查办
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per user, no administrator rights: {autopf} is %LOCALAPPDATA%\Programs here.
PrivilegesRequired=lowest
DefaultDirName={autopf}\shizhu-desktop
; One click: no welcome, folder, Start-menu folder or ready page; the installer starts installing at once.
DisableWelcomePage=yes
DisableDirPage=yes
DisableProgramGroupPage=yes
DisableReadyPage=yes
ShowLanguageDialog=no
; Qt 6 needs 64-bit Windows 10 or 11.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Closes a running copy before replacing its files (an upgrade while the program is open).
CloseApplications=yes
OutputDir={#Root}\dist
OutputBaseFilename=shizhu-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
#if FileExists(Icon)
SetupIconFile={#Icon}
#endif

[Languages]
; Newer Inno Setup releases ship the Chinese wizard texts; with an older one, put ChineseSimplified.isl from the
; official translations into its Languages folder (the wizard is in English otherwise; shortcuts stay Chinese).
#if FileExists(ChineseMessages)
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: the installer wizard will be in English"
Name: "zh"; MessagesFile: "compiler:Default.isl"
#endif

[InstallDelete]
; An upgrade replaces the program's files entirely: no library of an older version is left beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Dialogs start in 文档 (the working folder of the shortcuts).
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; \
  Comment: "填写、导出和汇总绿色低碳循环经济体系工作推进情况表"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; \
  Comment: "填写、导出和汇总绿色低碳循环经济体系工作推进情况表"

[Run]
Filename: "{app}\{#AppExe}"; Description: "现在打开{#AppName}"; Flags: nowait postinstall skipifsilent

[Messages]
; Said on the last page, in Chinese whatever the wizard language.
FinishedLabelNoIcons=已安装完成。
FinishedLabel=已安装完成，可以从开始菜单或桌面上的“{#AppName}”打开程序。填报的数据保存在本机，卸载程序不会删除数据。
