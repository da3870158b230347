/* platform-commands.h — the subcommands of zicha-platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each subcommand is listed in the table in main.c; serve lives in
 * platform-serve.c, the administration commands in platform-admin.c.
 * argv[0] is the subcommand's name. Every subcommand takes --db PATH.
 * Exit status: 0 success, 1 a negative answer (no such receipt, the unit
 * is registered already, an invalid code), 2 bad usage or a failure.
 * Errors are one line on stderr.
 */
#pragma once

#include <glib.h>

#include "zicha-platform-storage.h"

G_BEGIN_DECLS

#define PLATFORM_EXIT_OK       0
#define PLATFORM_EXIT_NEGATIVE 1
#define PLATFORM_EXIT_USAGE    2

/* Prints "zicha-platform: message" to stderr and returns @status. */
int                   platform_fail          (int                   status,
                                              const char           *format,
                                              ...) G_GNUC_PRINTF (2, 3);
/* Parses a subcommand's options (--db PATH is added to @entries' list by
 * the caller); prints one line and returns FALSE on error. */
gboolean              platform_parse_options (const char           *command,
                                              const char           *parameter_string,
                                              GOptionEntry         *entries,
                                              int                  *argc,
                                              char               ***argv);
/* Opens the database, or prints why not and returns NULL. */
ZichaPlatformStorage *platform_open_storage  (const char           *path);
/* For a subcommand that takes only --db PATH and @n_operands operands:
 * parses them (@parameter_string as platform_parse_options()), then opens
 * the database. Prints one line (@operands_error when the operands are
 * not @n_operands) and returns NULL when it cannot; the exit status is
 * then PLATFORM_EXIT_USAGE. */
ZichaPlatformStorage *platform_open_storage_for (const char           *command,
                                                 const char           *parameter_string,
                                                 int                   n_operands,
                                                 const char           *operands_error,
                                                 int                  *argc,
                                                 char               ***argv);

int platform_serve_run             (int argc, char **argv);
int platform_add_unit_run          (int argc, char **argv);
int platform_list_submissions_run  (int argc, char **argv);
int platform_show_receipt_run      (int argc, char **argv);
int platform_notify_run            (int argc, char **argv);
int platform_list_notices_run      (int argc, char **argv);

G_END_DECLS
