/*
 * log.h - levelled, one line per event, to stderr.  The level is checked
 * before formatting (Redis serverLog).  Never pass personal data here: the
 * access log carries request id, user id, method, route pattern, status, ms.
 */
#ifndef LBCARE_LOG_H
#define LBCARE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERR };

extern enum log_level log_threshold;

void	log_set_level(enum log_level);
int	log_level_parse(const char *, enum log_level *);
void	log_msg(enum log_level, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#define log_at(l, ...)							\
	do {								\
		if ((l) >= log_threshold)				\
			log_msg((l), __VA_ARGS__);			\
	} while (0)
#define log_debug(...)	log_at(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)	log_at(LOG_INFO, __VA_ARGS__)
#define log_warn(...)	log_at(LOG_WARN, __VA_ARGS__)
#define log_err(...)	log_at(LOG_ERR, __VA_ARGS__)

#endif
