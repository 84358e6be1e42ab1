/*
 * cmd.h - the commands of the lbcare binary, one file each.  cli.c
 * parses the configuration into a struct app, opens what the command's
 * table entry asks for, and calls it with the words left on the command
 * line (argv[0] is the command's name).  Each returns the exit status.
 */
#ifndef LBCARE_CMD_H
#define LBCARE_CMD_H

#include <stddef.h>

struct app;

/* cmd_serve.c: serve HTTP until SIGTERM/SIGINT; 0 after a clean stop. */
int	cmd_serve_exec(struct app *, int, char **);
/* cmd_migrate.c: the schema is migrated when the app opens; report it. */
int	cmd_migrate_exec(struct app *, int, char **);
/* cmd_demo.c: seed an empty database with the fictional demo. */
int	cmd_demo_exec(struct app *, int, char **);
/* cmd_user.c: add, list, disable, enable, passwd, role. */
int	cmd_user_exec(struct app *, int, char **);
/* cmd_audit.c: verify the audit chain. */
int	cmd_audit_exec(struct app *, int, char **);
int	cmd_token_exec(struct app *, int, char **);	/* cmd_token.c */
/*
 * cmd_export.c: export child ID: one child's data as JSON; export hsds
 * -o DIR: the partner directory as HSDS 3.0 records.
 */
int	cmd_export_exec(struct app *, int, char **);
/* cmd_purge.c: apply the retention rules, or count with --dry-run. */
int	cmd_purge_exec(struct app *, int, char **);
/* cmd_config.c: config show. */
int	cmd_config_exec(struct app *, int, char **);
/* cmd_key.c: status, new, rotate of the data keys. */
int	cmd_key_exec(struct app *, int, char **);
/* cmd_case.c: case list, the caseloads. */
int	cmd_case_exec(struct app *, int, char **);
/* cmd_referrals.c: referrals escalate (run daily). */
int	cmd_referrals_exec(struct app *, int, char **);
/* cmd_import.c: import children FILE: a roster, all or nothing. */
int	cmd_import_exec(struct app *, int, char **);
/* A whole file into memory (NUL-terminated), at most max bytes; NULL. */
char	*cli_read_file(const char *path, size_t *len, long max);
/* cmd_export_sheet.c: export children|needs-profile as CSV or XLSX. */
int	cmd_export_sheet_exec(struct app *, int, char **);
/* cmd_version.c */
int	cmd_version_exec(struct app *, int, char **);

#endif
