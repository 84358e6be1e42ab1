/*
 * log.c - one line per event: time, level, message.  Lines are written
 * with a single write so threads do not interleave within a line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

enum log_level log_threshold = LOG_INFO;

static const char *const level_names[] = { "debug", "info", "warn", "error" };

void
log_set_level(enum log_level l)
{
	log_threshold = l;
}

int
log_level_parse(const char *s, enum log_level *out)
{
	size_t	i;

	for (i = 0; i < nitems(level_names); i++)
		if (strcmp(s, level_names[i]) == 0) {
			*out = (enum log_level)i;
			return (0);
		}
	return (-1);
}

void
log_msg(enum log_level l, const char *fmt, ...)
{
	char	 line[1024], ts[32];
	va_list	 ap;
	int	 n, m;

	time_now_rfc3339(ts);
	n = snprintf(line, sizeof(line), "%s %s ", ts, level_names[l]);
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		m = 0;
	n += m;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, (size_t)n) < 0) {
		/* Nowhere left to report a failed log write. */
	}
}
