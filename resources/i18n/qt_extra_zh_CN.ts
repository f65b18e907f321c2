<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Texts Qt's own zh_CN catalogue (qtbase_zh_CN.qm) lacks, seen in Qt's non-native file dialog.
     Compiled into qt_extra_zh_CN.qm with: pyside6-lrelease qt_extra_zh_CN.ts (make translations). -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>文件名(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
</TS>
