/* zicha-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-application.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_WINDOW (zicha_window_get_type ())

G_DECLARE_FINAL_TYPE (ZichaWindow, zicha_window, ZICHA, WINDOW, AdwApplicationWindow)

ZichaWindow *zicha_window_new (ZichaApplication *application);

G_END_DECLS
