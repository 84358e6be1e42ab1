/*
 * date_loose.c - typed dates to ISO dates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_loose.h"
#include "util.h"

/* Civil date of a day count from 1970-01-01 (Howard Hinnant's method). */
static void
civil(long z, int *y, int *m, int *d)
{
	long		era, yoe, doy, mp;
	unsigned	doe;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (long)((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365);
	doy = (long)doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
put(int y, int m, int d, char out[11])
{
	char	tmp[32];

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return (-1);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	if (date_valid(tmp) == -1)
		return (-1);
	memcpy(out, tmp, 11);
	return (0);
}

/* Up to max digits into *n; returns the count read. */
static int
digits(const char **p, int max, int *n)
{
	int	k = 0;

	*n = 0;
	while (k < max && **p >= '0' && **p <= '9') {
		*n = *n * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return (k);
}

static int
all_digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return (0);
	return (n > 0);
}

int
date_loose(const char *in, char out[11])
{
	const char	*p = in, *sep;
	size_t		 n = strlen(in);
	int		 y, m, d, k;
	long		 serial;

	/* Excel: a whole number of days, maybe written "42067.0". */
	if ((n <= 7 && all_digits(in, n)) || (n > 2 && n <= 9 &&
	    strcmp(in + n - 2, ".0") == 0 && all_digits(in, n - 2))) {
		serial = strtol(in, NULL, 10);
		if (serial < 61 || serial > 2958465)
			return (-1);
		civil(serial - 25569, &y, &m, &d);
		return (put(y, m, d, out));
	}
	if (n == 8 && all_digits(in, 8)) {
		y = (in[0] - '0') * 1000 + (in[1] - '0') * 100 +
		    (in[2] - '0') * 10 + (in[3] - '0');
		m = (in[4] - '0') * 10 + (in[5] - '0');
		d = (in[6] - '0') * 10 + (in[7] - '0');
		return (put(y, m, d, out));
	}
	if (digits(&p, 4, &y) != 4)
		return (-1);
	if (strncmp(p, "年", 3) == 0) {
		p += 3;
		if ((k = digits(&p, 2, &m)) == 0 || strncmp(p, "月", 3) != 0)
			return (-1);
		p += 3;
		if ((k = digits(&p, 2, &d)) == 0)
			return (-1);
		if (strncmp(p, "日", 3) == 0 || strncmp(p, "号", 3) == 0)
			p += 3;
	} else {
		if (*p != '-' && *p != '/' && *p != '.')
			return (-1);
		sep = p++;
		if (digits(&p, 2, &m) == 0 || *p != *sep)
			return (-1);
		p++;
		if (digits(&p, 2, &d) == 0)
			return (-1);
	}
	/* A time after the date, as spreadsheets add to date cells. */
	if (*p == ' ' || *p == 'T') {
		for (p++; *p != '\0'; p++)
			if (!((*p >= '0' && *p <= '9') || *p == ':' ||
			    *p == '.'))
				return (-1);
	}
	if (*p != '\0')
		return (-1);
	return (put(y, m, d, out));
}
