/* zicha-ui-test.h — helpers for widget tests under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zicha-application.h"

G_BEGIN_DECLS

/* gtk_init_check() + adw_init(); FALSE when there is no display, in which
 * case the suite should exit with ZICHA_TEST_SKIP. */
gboolean   zicha_ui_test_init            (void);

/* Iterate the main context until the widget is mapped and has a size, or
 * timeout_ms passes. */
gboolean   zicha_ui_test_wait_mapped     (GtkWidget  *widget,
                                          guint       timeout_ms);

/* Let pending layout and frames run for a moment. */
void       zicha_ui_test_settle          (guint       ms);

/* Render the widget and save it as build/screenshots/NAME.png. Returns the
 * path, or NULL (with a CUnit failure recorded) when it could not. */
char      *zicha_ui_test_screenshot      (GtkWidget  *widget,
                                          const char *name);

/* The first widget of the given type under root (depth first), or NULL. */
GtkWidget *zicha_ui_test_find_descendant (GtkWidget  *root,
                                          GType       type);

/* The first visible label under root whose text contains part, or NULL. */
GtkWidget *zicha_ui_test_find_label_containing (GtkWidget  *root,
                                                const char *part);

/* The first toplevel window of the given type, or NULL. */
GtkWindow *zicha_ui_test_find_toplevel   (GType       type);

/* A registered application on the database @db_path, for a suite's init;
 * NULL (printed) when it cannot register. */
ZichaApplication *zicha_ui_test_app_new  (const char *db_path);
/* Destroys the application's windows and drops it; for a suite's cleanup. */
void       zicha_ui_test_app_free        (ZichaApplication *app);

G_END_DECLS
