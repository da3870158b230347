/* cli-sync.h — zicha-cli sync, receipts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_sync_run     (int    argc,
                      char **argv);
int cli_receipts_run (int    argc,
                      char **argv);

G_END_DECLS
