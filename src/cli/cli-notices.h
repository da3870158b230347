/* cli-notices.h — zicha-cli notices, feedback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_notices_run  (int    argc,
                      char **argv);
int cli_feedback_run (int    argc,
                      char **argv);

G_END_DECLS
