/* zicha-cli-test.h — run the built zicha-cli and capture what it says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   exit_status;
  char *out;
  char *err;
} ZichaCliResult;

/* argv without the program name, NULL-terminated. */
ZichaCliResult *zicha_cli_run       (const char * const *args);
ZichaCliResult *zicha_cli_run_va    (const char *first_arg, ...) G_GNUC_NULL_TERMINATED;
void            zicha_cli_result_free (ZichaCliResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaCliResult, zicha_cli_result_free)

G_END_DECLS
