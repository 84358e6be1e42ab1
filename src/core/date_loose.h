/*
 * date_loose.h - a date as people type it in a spreadsheet, to ISO
 * YYYY-MM-DD: 2015-03-04, 2015/3/4, 2015.3.4, 20150304, 2015年3月4日, a
 * trailing time (" 00:00:00") as Excel writes it in CSV, and an Excel
 * date serial (42067 is 2015-03-04; whole days since 1899-12-30, so
 * 1900-03-01 on, past Excel's phantom 1900-02-29).
 */
#ifndef LBCARE_DATE_LOOSE_H
#define LBCARE_DATE_LOOSE_H

/* 0 and out set, or -1 if in is not a valid date in one of the forms. */
int	 date_loose(const char *in, char out[11]);

#endif
