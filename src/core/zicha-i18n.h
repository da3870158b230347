/* zicha-i18n.h — one gettext set-up for every program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void zicha_i18n_init (void);

G_END_DECLS
