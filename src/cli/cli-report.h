/* cli-report.h — zicha-cli list, new, copy, set, answers, attach, finalize
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int      cli_list_run            (int    argc,
                                  char **argv);
int      cli_new_run             (int    argc,
                                  char **argv);
int      cli_copy_run            (int    argc,
                                  char **argv);
int      cli_set_run             (int    argc,
                                  char **argv);
int      cli_answers_run         (int    argc,
                                  char **argv);
int      cli_attach_run          (int    argc,
                                  char **argv);
int      cli_finalize_run        (int    argc,
                                  char **argv);

/* cli_parse_options() with a summary shown by --help (may be NULL). */
gboolean cli_parse_options_full  (const char    *command,
                                  const char    *parameter_string,
                                  const char    *summary,
                                  GOptionEntry  *entries,
                                  int           *argc,
                                  char        ***argv);

/* The positional arguments left after option parsing (argv[1…]), with the
 * “--” that ends options dropped; borrowed from @argv. */
GPtrArray *cli_collect_arguments (int           argc,
                                  char        **argv);

G_END_DECLS
