/* cli-package.h — zicha-cli export REPORT -o FILE.zicha, import FILE.zicha
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_export_run (int    argc,
                    char **argv);
int cli_import_run (int    argc,
                    char **argv);

G_END_DECLS
