/* cli-commands.h — the subcommands of zicha-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each subcommand lives in its own cli-<name>.c and is listed in the table in
 * main.c. argv[0] is the subcommand's name. Exit status: 0 success,
 * 1 a negative answer (invalid value, validation errors), 2 bad usage or
 * unreadable input. Errors are one line on stderr.
 */
#pragma once

#include <glib.h>

#include "zicha-command-line.h"
#include "zicha-form.h"
#include "zicha-store.h"

G_BEGIN_DECLS

#define CLI_EXIT_OK       0
#define CLI_EXIT_NEGATIVE 1
#define CLI_EXIT_USAGE    2

typedef ZichaCommand CliCommand;

/* Prints "zicha-cli: message" to stderr and returns CLI_EXIT_USAGE. */
int cli_fail_usage (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Parse a subcommand's options with GOptionContext; on error prints one line
 * and returns FALSE. */
gboolean cli_parse_options (const char    *command,
                            const char    *parameter_string,
                            GOptionEntry  *entries,
                            int           *argc,
                            char        ***argv);

/* The database named by the global option --db PATH, or $ZICHA_DB, or the
 * default ($XDG_DATA_HOME/zicha/zicha.db). */
const char *cli_get_database_path (void);
/* Opens it, or prints why not (one line) and returns NULL. */
ZichaStore *cli_open_store        (void);
/* The form a report was made with (or, with NULL, the default form);
 * prints why not and returns NULL. */
ZichaForm  *cli_load_form         (const char *form_id,
                                   const char *form_version);
/* A report by UUID or by an unambiguous UUID prefix (at least 4
 * characters); prints why not and returns NULL. */
ZichaReport *cli_find_report      (ZichaStore *store,
                                   const char *uuid_or_prefix);
/* Columns the text takes in a terminal: CJK characters take two. */
guint       cli_display_width     (const char *text);
/* Prints @headers (@n_columns of them), then @cells (@n_columns a row)
 * one row a line, each column but the last padded to its widest cell and
 * two spaces from the next. */
void        cli_print_table       (const char * const *headers,
                                   guint               n_columns,
                                   GPtrArray          *cells);
/* Prints an error (one line, "zicha-cli: …") and returns @status. */
int         cli_fail_error        (const GError *error,
                                   int           status);

G_END_DECLS
