/*
 * values.c - date-times, day arithmetic and code lists (values.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/util.h"
#include "values.h"

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (H. Hinnant). */
static int64_t
days_civil(int64_t y, int m, int d)
{
	int64_t		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

static int
digits(const char *s, int n)
{
	int	i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (-1);
		v = v * 10 + (s[i] - '0');
	}
	return (v);
}

/* Parse into epoch seconds; -1 if malformed. */
static int
datetime_parse(const char *s, int64_t *out)
{
	char	date[11];
	int	h, mi, sec = 0, oh = 0, om = 0, sign = 1;
	size_t	n = strlen(s);

	if (n < 17 || s[10] != 'T' || s[13] != ':')
		return (-1);
	snprintf(date, sizeof(date), "%.10s", s);
	if (date_valid(date) == -1 || (h = digits(s + 11, 2)) < 0 || h > 23 ||
	    (mi = digits(s + 14, 2)) < 0 || mi > 59)
		return (-1);
	s += 16;
	if (*s == ':') {
		if ((sec = digits(s + 1, 2)) < 0 || sec > 59)
			return (-1);
		s += 3;
		if (*s == '.') {
			for (s++; *s >= '0' && *s <= '9'; s++)
				;
			if (s[-1] == '.')
				return (-1);
		}
	}
	if (*s == 'Z' && s[1] == '\0')
		;
	else if ((*s == '+' || *s == '-') && strlen(s) == 6 && s[3] == ':') {
		sign = *s == '-' ? -1 : 1;
		if ((oh = digits(s + 1, 2)) < 0 || oh > 23 ||
		    (om = digits(s + 4, 2)) < 0 || om > 59)
			return (-1);
	} else
		return (-1);
	*out = days_civil(atoi(date), atoi(date + 5), atoi(date + 8)) *
	    86400 + h * 3600 + mi * 60 + sec - sign * (oh * 3600 + om * 60);
	return (0);
}

int
check_datetime(const char *s, const char *field, struct err *e)
{
	int64_t	t;

	if (datetime_parse(s, &t) == -1) {
		err_setl(e, ERR_INVALID, field,
		    "%s 应为带时区的日期时间，如 2026-05-01T09:30:00+08:00",
		    "%s must be a date-time with its offset, such as "
		    "2026-05-01T09:30:00+08:00", field);
		return (-1);
	}
	return (0);
}

int64_t
datetime_epoch(const char *s)
{
	int64_t	t = 0;

	datetime_parse(s, &t);
	return (t);
}

int
date_add_days(const char *date, int days, char out[11])
{
	struct tm	tm;
	time_t		t;

	if (date == NULL || date_valid(date) == -1)
		return (-1);
	t = (time_t)((days_civil(atoi(date), atoi(date + 5), atoi(date + 8)) +
	    days) * 86400);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return (0);
}

int
code_list_has(const char *s, const char *code)
{
	size_t	n = strlen(code);
	const char *p;

	for (p = s; p != NULL && *p != '\0'; p = strchr(p, ',') ?
	    strchr(p, ',') + 1 : NULL)
		if (strncmp(p, code, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return (1);
	return (0);
}

int
code_list_check(const char *s, const struct enum_decl *d, const char *field,
    struct err *e)
{
	const char	*p = s, *q;
	char		 code[64];
	size_t		 n, i;

	for (;;) {
		q = strchr(p, ',');
		n = q != NULL ? (size_t)(q - p) : strlen(p);
		snprintf(code, sizeof(code), "%.*s", (int)n, p);
		if (n == 0 || n >= sizeof(code) || enum_find(d, code) == NULL) {
			err_setl(e, ERR_INVALID, field,
			    "%s 中的「%s」不是有效代码",
			    "\"%s\" in %s is not a valid code", field, code);
			/* The two languages name them in a different order. */
			snprintf(e->msg_en, sizeof(e->msg_en),
			    "\"%s\" in %s is not a valid code", code, field);
			return (-1);
		}
		/* Seen before? Compare with the codes to the left. */
		for (i = 0; i < (size_t)(p - s); i++)
			if ((i == 0 || s[i - 1] == ',') &&
			    strncmp(s + i, code, n) == 0 && s[i + n] == ',') {
				err_setl(e, ERR_INVALID, field,
				    "%s 中的代码 %s 重复",
				    "%s names %s twice", field, code);
				return (-1);
			}
		if (q == NULL)
			return (0);
		p = q + 1;
	}
}
