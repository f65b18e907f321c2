"""Glossary: each Chinese term of the reporting duty and the identifier the code uses for it."""

#: The glossary as a table (kept as data so it can be shown and searched).
GLOSSARY = """=================  ==========================  ===============================================
Chinese            identifier                  meaning
=================  ==========================  ===============================================
重点任务           Task                        one of the policy's 23 numbered tasks
具体举措           Task.measures               the concrete measures a task's paragraph lists
牵头单位           Task.lead_unit              the unit that leads a task
责任单位           Task.responsible_units      the units that share a task
默认分工           assignment_is_default       an assignment inferred from the text, editable
指标 / 目标值      Indicator / Target          a quantitative target of the policy
填报单位           Unit                        a township (乡镇/街道) or county department
县政府督查办       receiving office            collects and supervises the reports
工作推进情况表     ReportKind.MONTHLY          the monthly progress table, due on the 25th
工作推进情况报告   ReportKind.QUARTERLY        the quarterly report, due on the 25th of the
                                               quarter's last month
推进状态           TaskEntry.status            已完成 / 序时推进 / 滞后 / 未启动
本月工作进展       TaskEntry.progress          this month's progress
累计完成情况       TaskEntry.cumulative        progress since the start
存在问题           TaskEntry.problems          problems met
下步打算           TaskEntry.next_steps        next steps
备注               TaskEntry.remarks           remarks
本期值 / 累计值    IndicatorValue.value /      an indicator's value this period / cumulative
                   IndicatorValue.cumulative
责任科室           Liaison.section             the unit's responsible section
联系人 / 联络员    Liaison.name                the fixed liaison
分管领导           Liaison.leader              the leader in charge
草稿 / 定稿        ReportState.DRAFT / FINAL   editable draft / frozen revision
版本（第N版）      Report.revision             revision number of a report
报送               submit (finalize + send)    a report counts as submitted when the county
                                               receives it (收件日期), never by the file's clock
收件日期           received_on                 the day the county received a file
校验码             digest / check_code         SHA-256 of the canonical payload; 8 hex on paper
密钥 / 密钥指纹    KeyPair / fingerprint       a PC's Ed25519 key; 20 hex of its SHA-256, to read
                                               aloud and print beside the signature lines
待确认 / 已确认    KeyState.PENDING/CONFIRMED  a unit key seen once / checked against the paper
未签名             unsigned                    a version 1 file, imported only on purpose
逾期               overdue                     past the deadline without a final revision
调休               workday override            a weekend made a working day, or the reverse
=================  ==========================  ===============================================
"""
