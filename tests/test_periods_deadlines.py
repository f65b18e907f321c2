"""Periods, deadlines and the working-day hint around the 25th."""

from __future__ import annotations

from datetime import date

import pytest

from shizhu_desktop.domain.deadlines import Standing, deadline_status, due_date, workday_hint
from shizhu_desktop.domain.periods import Period, PeriodError
from shizhu_desktop.domain.report import ReportKind
from shizhu_desktop.domain.workdays import Override, WorkdayCalendar

M, Q = ReportKind.MONTHLY, ReportKind.QUARTERLY


def test_period_parsing_and_arithmetic() -> None:
    p = Period.parse("2026-11")
    assert (p.year, p.month, str(p), p.label) == (2026, 11, "2026-11", "2026年11月")
    assert p.next() == Period(2026, 12) and p.next().next() == Period(2027, 1)
    assert Period(2027, 1).previous() == Period(2026, 12)
    assert p.quarter == 4 and p.quarter_end() == Period(2026, 12) and not p.is_quarter_end
    assert Period(2026, 12).quarter_label == "2026年第四季度"
    assert [str(m) for m in Period(2026, 5).quarter_months()] == ["2026-04", "2026-05", "2026-06"]
    for bad in ("2026-13", "2026-00", "26-11", "2026/11", "", "2026-1"):
        with pytest.raises(PeriodError, match=r"期间|月份"):
            Period.parse(bad)


def test_due_dates_monthly_and_quarterly() -> None:
    assert due_date(Period(2026, 11), M) == date(2026, 11, 25)
    # The quarterly report is due on the 25th of the quarter's last month, whichever month names it.
    assert due_date(Period(2026, 10), Q) == date(2026, 12, 25)
    assert due_date(Period(2026, 12), Q) == date(2026, 12, 25)
    assert due_date(Period(2026, 1), Q) == date(2026, 3, 25)


@pytest.mark.parametrize(
    ("today", "standing", "days", "text"),
    [
        (date(2026, 11, 1), Standing.NOT_YET_DUE, 24, "本月报表11月25日截止，还有24天"),
        (date(2026, 11, 22), Standing.DUE_SOON, 3, "本月报表11月25日截止，还有3天"),
        (date(2026, 11, 24), Standing.DUE_SOON, 1, "本月报表11月25日截止，还有1天"),
        (date(2026, 11, 25), Standing.DUE_TODAY, 0, "本月报表今天（11月25日）截止"),
        (date(2026, 11, 28), Standing.OVERDUE, 3, "本月报表11月25日截止，已逾期3天"),
        # Across the year end: November's table still overdue in January.
        (date(2027, 1, 2), Standing.OVERDUE, 38, "已逾期38天"),
    ],
)
def test_monthly_standing_by_clock(today: date, standing: Standing, days: int, text: str) -> None:
    status = deadline_status(Period(2026, 11), M, today)
    assert status.standing is standing
    assert status.days == days
    assert text in status.text


def test_submitted_on_time_or_late() -> None:
    on_time = deadline_status(Period(2026, 11), M, date(2026, 12, 3), submitted_on=date(2026, 11, 25))
    assert on_time.standing is Standing.ON_TIME and on_time.text == "本月报表已按时报送"
    late = deadline_status(Period(2026, 11), M, date(2026, 12, 3), submitted_on=date(2026, 11, 27))
    assert (late.standing, late.days, late.short_text) == (Standing.LATE, 2, "逾期2天")


def test_quarterly_standing_in_and_out_of_quarter_month() -> None:
    # In October the Q4 report is far away; in December it is due with the monthly table.
    october = deadline_status(Period(2026, 10), Q, date(2026, 10, 20))
    assert october.standing is Standing.NOT_YET_DUE and october.due == date(2026, 12, 25)
    december = deadline_status(Period(2026, 12), Q, date(2026, 12, 23))
    assert december.standing is Standing.DUE_SOON and december.text == "本季度报告12月25日截止，还有2天"
    # Year end: the December quarterly report overdue on 2 January.
    assert deadline_status(Period(2026, 12), Q, date(2027, 1, 2)).days == 8


def test_2026_official_schedule_from_chinese_calendar() -> None:
    cal = WorkdayCalendar()
    assert not cal.is_workday(date(2026, 10, 5))  # 国庆
    assert cal.is_workday(date(2026, 10, 10))  # Saturday made a working day
    assert cal.is_workday(date(2026, 9, 20))  # Sunday made a working day
    assert cal.is_workday(date(2026, 2, 14)) and not cal.is_workday(date(2026, 2, 16))
    assert cal.info(date(2026, 9, 25)).holiday == "中秋"


def test_hint_for_a_sunday_deadline() -> None:
    cal = WorkdayCalendar()
    # 2026-10-25 is a Sunday: the last working day before it is Friday 23 October.
    assert workday_hint(date(2026, 10, 25), cal) == "10月25日是星期日，请在10月23日（星期五）前报送"
    status = deadline_status(Period(2026, 10), M, date(2026, 10, 20), calendar=cal)
    assert "10月23日" in status.workday_hint


def test_hint_for_a_holiday_deadline_on_a_weekday() -> None:
    # 2026-09-25 is a Friday but the Mid-Autumn holiday: both September reports are due that day.
    cal = WorkdayCalendar()
    hint = workday_hint(date(2026, 9, 25), cal)
    assert hint.startswith("9月25日是中秋假期（星期五）") and "9月24日（星期四）" in hint
    assert deadline_status(Period(2026, 9), Q, date(2026, 9, 1), calendar=cal).workday_hint == hint


def test_no_hint_on_a_working_day() -> None:
    assert workday_hint(date(2026, 11, 25), WorkdayCalendar()) == ""


def test_year_not_covered_falls_back_to_weekends() -> None:
    cal = WorkdayCalendar()
    assert not cal.is_covered(2031)
    # 2031-01-25 is a Saturday: without an official schedule the program guesses from weekends, and says so.
    hint = workday_hint(date(2031, 1, 25), cal)
    assert "1月24日（星期五）" in hint and "按周末推算" in hint
    assert cal.is_workday(date(2031, 1, 27))


def test_local_override_wins_and_covers_a_new_year() -> None:
    notice = "国办发明电〔2030〕7号"
    cal = WorkdayCalendar({date(2031, 1, 25): Override("班", notice), date(2031, 3, 25): Override("休", notice)})
    assert cal.is_covered(2031)
    assert workday_hint(date(2031, 1, 25), cal) == ""
    assert cal.info(date(2031, 3, 25)).source == "本地调整"
    assert "3月24日" in workday_hint(date(2031, 3, 25), cal)


def test_banner_wording_relative_to_the_current_month() -> None:
    status = deadline_status(Period(2026, 10), M, date(2026, 11, 3), submitted_on=date(2026, 10, 23))
    assert status.describe(Period(2026, 11)) == "10月报表已按时报送"
    assert status.describe(Period(2027, 1)) == "2026年10月报表已按时报送"
    q3 = deadline_status(Period(2026, 9), Q, date(2026, 11, 3))
    assert q3.describe(Period(2026, 11)) == "第三季度报告9月25日截止，已逾期39天"
    assert q3.describe(Period(2026, 8)).startswith("本季度报告")
