/* cli-form.h — zicha-cli form show [FILE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_form_run (int    argc,
                  char **argv);

G_END_DECLS
