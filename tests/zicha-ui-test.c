/* zicha-ui-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "zicha-test.h"
#include "zicha-ui-test.h"

gboolean
zicha_ui_test_init (void)
{
  if (!gtk_init_check ())
    return FALSE;

  adw_init ();
  /* Screenshots must not catch a page halfway through a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}

static gboolean
timeout_expired_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
zicha_ui_test_wait_mapped (GtkWidget *widget,
                           guint      timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_expired_cb, &expired);

  while (!expired && !(gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0))
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return gtk_widget_get_mapped (widget);
}

void
zicha_ui_test_settle (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, timeout_expired_cb, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

char *
zicha_ui_test_screenshot (GtkWidget  *widget,
                          const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  char *path;

  CU_ASSERT_TRUE_FATAL (width > 0 && height > 0);

  paintable = gtk_widget_paintable_new (widget);
  /* A widget waiting for its next layout gives no node yet: let the frame
   * clock run a few times (bounded) until it has one. */
  for (guint attempt = 0; attempt < 50 && node == NULL; attempt++)
    {
      if (attempt > 0)
        zicha_ui_test_settle (20);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  CU_ASSERT_PTR_NOT_NULL_FATAL (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  CU_ASSERT_PTR_NOT_NULL_FATAL (texture);

  dir = g_build_filename (ZICHA_BUILD_ROOT, "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);

  CU_ASSERT_TRUE (gdk_texture_save_to_png (texture, path));
  g_print ("screenshot: %s\n", path);
  return path;
}

GtkWidget *
zicha_ui_test_find_descendant (GtkWidget *root,
                               GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = zicha_ui_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
zicha_ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

ZichaApplication *
zicha_ui_test_app_new (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaApplication) app = zicha_application_new ();

  zicha_application_set_database_path (app, db_path);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("register: %s\n", error->message);
      return NULL;
    }
  return g_steal_pointer (&app);
}

void
zicha_ui_test_app_free (ZichaApplication *app)
{
  GtkWindow *window;

  if (app == NULL)
    return;
  while ((window = gtk_application_get_active_window (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (window);
  g_object_unref (app);
}

GtkWidget *
zicha_ui_test_find_label_containing (GtkWidget  *root,
                                     const char *part)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_visible (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), part) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = zicha_ui_test_find_label_containing (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}
