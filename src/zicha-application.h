/* zicha-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZICHA_TYPE_APPLICATION (zicha_application_get_type ())

G_DECLARE_FINAL_TYPE (ZichaApplication, zicha_application, ZICHA, APPLICATION, AdwApplication)

ZichaApplication *zicha_application_new (void);

G_END_DECLS
