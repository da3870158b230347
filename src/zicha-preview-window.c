/* zicha-preview-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is laid out and written to a PDF in a worker thread (it
 * takes a while for a large report, and the user may keep typing in the
 * editor); the pages are then shown, printed and saved from that PDF with
 * poppler, so what is previewed, printed and sent is the same file.
 */
#define G_LOG_DOMAIN "zicha-preview-window"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "zicha-document.h"
#include "zicha-pdf-chooser.h"
#include "zicha-preview-window.h"

/* After an edit, wait this long before laying the pages out again. */
#define REFRESH_DELAY_MS 800

struct _ZichaPreviewWindow
{
  AdwWindow             parent_instance;

  ZichaReportSession   *session;
  ZichaDocumentKind     kind;
  GCancellable         *cancellable;
  PopplerDocument      *pdf;
  char                 *pdf_path;
  guint                 page;
  double                zoom;
  guint                 refresh_source;
  GtkFileChooserNative *chooser;

  AdwWindowTitle       *window_title;
  GtkToggleButton      *table_button;
  GtkDrawingArea       *page_area;
  GtkWidget            *busy_box;
  GtkLabel             *busy_label;
  GtkProgressBar       *busy_progress;
  GtkLabel             *page_label;
  GtkLabel             *zoom_label;
};

G_DEFINE_FINAL_TYPE (ZichaPreviewWindow, zicha_preview_window, ADW_TYPE_WINDOW)

static void
show_error (ZichaPreviewWindow *self,
            const char         *heading,
            const GError       *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_view (ZichaPreviewWindow *self)
{
  guint n = self->pdf != NULL ? poppler_document_get_n_pages (self->pdf) : 0;
  g_autofree char *position = NULL;
  g_autofree char *zoom = g_strdup_printf ("%.0f%%", self->zoom * 100);
  double width = 595, height = 842;

  if (n > 0)
    {
      PopplerPage *page = poppler_document_get_page (self->pdf, MIN (self->page, n - 1));

      poppler_page_get_size (page, &width, &height);
      g_object_unref (page);
      /* Screen pixels per point: 96 dpi over 72. */
      gtk_drawing_area_set_content_width (self->page_area, (int) (width * self->zoom * 96 / 72));
      gtk_drawing_area_set_content_height (self->page_area, (int) (height * self->zoom * 96 / 72));
      position = g_strdup_printf (_("Page %u of %u"), self->page + 1, n);
    }

  gtk_label_set_label (self->page_label, position != NULL ? position : "");
  gtk_label_set_label (self->zoom_label, zoom);
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", n > 0 && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page", n > 0 && self->page + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.print", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.save", n > 0);
}

static void
draw_page_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  ZichaPreviewWindow *self = user_data;
  double scale = self->zoom * 96 / 72;
  PopplerPage *page;

  if (self->pdf == NULL || poppler_document_get_n_pages (self->pdf) == 0)
    return;

  page = poppler_document_get_page (self->pdf, self->page);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  g_object_unref (page);
}

/* Making the PDF in a worker -------------------------------------------- */

typedef struct
{
  ZichaDocument      *document;
  char               *path;
  ZichaPreviewWindow *window;  /* only touched in the main thread */
  guint               done;
  guint               total;
} RenderJob;

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  g_clear_object (&job->document);
  g_free (job->path);
  g_free (job);
}

typedef struct
{
  GWeakRef window;
  guint    done;
  guint    total;
} ProgressUpdate;

static gboolean
progress_update_cb (gpointer data)
{
  ProgressUpdate *update = data;
  g_autoptr(ZichaPreviewWindow) self = g_weak_ref_get (&update->window);

  if (self != NULL && update->total > 0)
    gtk_progress_bar_set_fraction (self->busy_progress, (double) update->done / update->total);

  g_weak_ref_clear (&update->window);
  g_free (update);
  return G_SOURCE_REMOVE;
}

static void
render_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  g_weak_ref_init (&update->window, g_task_get_source_object (task));
  update->done = done;
  update->total = total;
  g_main_context_invoke (NULL, progress_update_cb, update);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  GError *error = NULL;

  if (!zicha_document_layout (job->document, cancellable, &error) ||
      !zicha_document_save_pdf (job->document, job->path, render_progress_cb, task, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ZichaPreviewWindow *self = ZICHA_PREVIEW_WINDOW (source);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  PopplerDocument *pdf;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_widget_set_visible (self->busy_box, FALSE);
          show_error (self, _("The Pages Could Not Be Made"), error);
        }
      return;
    }

  uri = g_filename_to_uri (job->path, NULL, &error);
  pdf = uri != NULL ? poppler_document_new_from_file (uri, NULL, &error) : NULL;
  if (pdf == NULL)
    {
      gtk_widget_set_visible (self->busy_box, FALSE);
      show_error (self, _("The Pages Could Not Be Shown"), error);
      return;
    }

  g_clear_object (&self->pdf);
  self->pdf = pdf;
  g_free (self->pdf_path);
  self->pdf_path = g_strdup (job->path);
  self->page = MIN (self->page, (guint) MAX (poppler_document_get_n_pages (pdf), 1) - 1);
  gtk_widget_set_visible (self->busy_box, FALSE);
  update_view (self);
}

static void
refresh (ZichaPreviewWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  RenderJob *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  answers = zicha_report_session_load_answers (self->session, &error);
  if (answers == NULL)
    {
      show_error (self, _("The Pages Could Not Be Made"), error);
      return;
    }

  dir = g_build_filename (g_get_user_cache_dir (), "zicha", "preview", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (errno));
      show_error (self, _("The Pages Could Not Be Made"), error);
      return;
    }
  name = g_strdup_printf ("%s-%s.pdf", zicha_report_session_get_uuid (self->session),
                          self->kind == ZICHA_DOCUMENT_TABLE ? "table" : "report");

  job = g_new0 (RenderJob, 1);
  job->document = zicha_document_new (self->kind, answers);
  zicha_document_set_report (job->document, zicha_report_session_get_report (self->session));
  {
    g_autoptr(ZichaReceipt) receipt = zicha_store_get_receipt (zicha_report_session_get_store (self->session),
                                                               zicha_report_session_get_uuid (self->session), NULL);

    if (receipt != NULL)
      zicha_document_set_receipt (job->document, receipt->number, receipt->received_at);
  }
  job->path = g_build_filename (dir, name, NULL);

  gtk_progress_bar_set_fraction (self->busy_progress, 0);
  gtk_widget_set_visible (self->busy_box, TRUE);

  task = g_task_new (self, self->cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_thread);
}

static gboolean
refresh_cb (gpointer data)
{
  ZichaPreviewWindow *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
session_changed_cb (ZichaPreviewWindow *self)
{
  /* Edits keep coming while the user types: wait for a pause. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
kind_toggled_cb (ZichaPreviewWindow *self)
{
  ZichaDocumentKind kind = gtk_toggle_button_get_active (self->table_button)
                           ? ZICHA_DOCUMENT_TABLE : ZICHA_DOCUMENT_REPORT;

  if (kind == self->kind)
    return;

  self->kind = kind;
  self->page = 0;
  refresh (self);
}

/* Printing -------------------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation  *operation,
                GtkPrintContext    *context,
                ZichaPreviewWindow *self)
{
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (self->pdf));
}

static void
draw_print_page_cb (GtkPrintOperation  *operation,
                    GtkPrintContext    *context,
                    int                 page_nr,
                    ZichaPreviewWindow *self)
{
  PopplerPage *page = poppler_document_get_page (self->pdf, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  /* The page scaled to the paper, as printed forms are: never cropped. */
  poppler_page_get_size (page, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width,
               gtk_print_context_get_height (context) / height);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  g_object_unref (page);
}

static void
request_page_setup_cb (GtkPrintOperation  *operation,
                       GtkPrintContext    *context,
                       int                 page_nr,
                       GtkPageSetup       *setup,
                       ZichaPreviewWindow *self)
{
  PopplerPage *page = poppler_document_get_page (self->pdf, page_nr);
  double width, height;

  /* Wide tables are landscape pages. */
  poppler_page_get_size (page, &width, &height);
  g_object_unref (page);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
}

/* The one print path: the dialog for users, straight to a PDF for tests. */
static GtkPrintOperationResult
run_print (ZichaPreviewWindow       *self,
           GtkPrintOperationAction   action,
           const char               *export_path,
           GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, adw_window_title_get_title (self->window_title));
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_print_page_cb), self);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), self);

  return gtk_print_operation_run (operation, action, GTK_WINDOW (self), error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZichaPreviewWindow *self = ZICHA_PREVIEW_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->pdf == NULL)
    return;

  if (run_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("The Report Was Not Printed"), error);
}

gboolean
zicha_preview_window_print_to_file (ZichaPreviewWindow  *self,
                                    const char          *path,
                                    GError             **error)
{
  g_return_val_if_fail (ZICHA_IS_PREVIEW_WINDOW (self), FALSE);
  g_return_val_if_fail (self->pdf != NULL, FALSE);

  return run_print (self, GTK_PRINT_OPERATION_ACTION_EXPORT, path, error) == GTK_PRINT_OPERATION_RESULT_APPLY;
}

/* Saving ---------------------------------------------------------------- */

static gboolean
copy_file_atomically (const char  *from,
                      GFile       *to,
                      GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) parent = g_file_get_parent (to);
  g_autofree char *base = g_file_get_basename (to);
  g_autofree char *partial_name = g_strconcat (".", base, ".partial", NULL);
  g_autoptr(GFile) partial = g_file_get_child (parent, partial_name);

  /* Never a half-written PDF where the user asked for one. */
  if (!g_file_copy (source, partial, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return FALSE;

  if (!g_file_move (partial, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    {
      g_file_delete (partial, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

static void
save_response_cb (ZichaPreviewWindow   *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->pdf_path != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (!copy_file_atomically (self->pdf_path, file, &error))
        show_error (self, _("The PDF Was Not Saved"), error);
    }

  g_clear_object (&self->chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZichaPreviewWindow *self = ZICHA_PREVIEW_WINDOW (widget);
  ZichaReport *report = zicha_report_session_get_report (self->session);
  g_autofree char *name = NULL;

  if (self->pdf_path == NULL)
    return;

  /* 某某中学-2019-自查报告.pdf */
  name = g_strdup_printf ("%s-%d-%s.pdf",
                          *zicha_report_get_unit_name (report) != '\0' ? zicha_report_get_unit_name (report) : "zicha",
                          zicha_report_get_year (report),
                          self->kind == ZICHA_DOCUMENT_TABLE ? _("self-inspection-table") : _("self-inspection-report"));

  self->chooser = zicha_pdf_chooser_new (GTK_WINDOW (self), _("Save as PDF"), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (save_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Navigation and zoom ---------------------------------------------------- */

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZichaPreviewWindow *self = ZICHA_PREVIEW_WINDOW (widget);
  guint n = self->pdf != NULL ? poppler_document_get_n_pages (self->pdf) : 0;

  if (g_str_equal (action_name, "preview.next-page") && self->page + 1 < n)
    self->page++;
  else if (g_str_equal (action_name, "preview.previous-page") && self->page > 0)
    self->page--;
  update_view (self);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZichaPreviewWindow *self = ZICHA_PREVIEW_WINDOW (widget);

  if (g_str_equal (action_name, "preview.zoom-in"))
    self->zoom = MIN (self->zoom * 1.25, 4.0);
  else
    self->zoom = MAX (self->zoom / 1.25, 0.25);
  update_view (self);
}

/* GObject ---------------------------------------------------------------- */

static void
zicha_preview_window_dispose (GObject *object)
{
  ZichaPreviewWindow *self = ZICHA_PREVIEW_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->pdf);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (zicha_preview_window_parent_class)->dispose (object);
}

static void
zicha_preview_window_finalize (GObject *object)
{
  ZichaPreviewWindow *self = ZICHA_PREVIEW_WINDOW (object);

  g_free (self->pdf_path);

  G_OBJECT_CLASS (zicha_preview_window_parent_class)->finalize (object);
}

static void
zicha_preview_window_class_init (ZichaPreviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zicha_preview_window_dispose;
  object_class->finalize = zicha_preview_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-preview-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaPreviewWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreviewWindow, table_button);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreviewWindow, page_area);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreviewWindow, busy_box);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreviewWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreviewWindow, busy_progress);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreviewWindow, page_label);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreviewWindow, zoom_label);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);

  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "preview.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zicha_preview_window_init (ZichaPreviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->kind = ZICHA_DOCUMENT_TABLE;
  gtk_drawing_area_set_draw_func (self->page_area, draw_page_cb, self, NULL);
}

ZichaPreviewWindow *
zicha_preview_window_new (GtkWindow          *parent,
                          ZichaReportSession *session)
{
  ZichaPreviewWindow *self;
  ZichaReport *report;
  g_autofree char *title = NULL;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (session), NULL);

  self = g_object_new (ZICHA_TYPE_PREVIEW_WINDOW, "transient-for", parent, NULL);
  self->session = g_object_ref (session);

  report = zicha_report_session_get_report (session);
  title = g_strdup_printf (_("%s — %d"),
                           *zicha_report_get_unit_name (report) != '\0'
                           ? zicha_report_get_unit_name (report) : _("Unit not named yet"),
                           zicha_report_get_year (report));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title,
                                 zicha_report_is_editable (report)
                                 ? _("Draft: printed with a “draft” watermark")
                                 : _("Finalized: ready to print and stamp"));

  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "rows-changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);

  update_view (self);
  refresh (self);

  return self;
}

const char *
zicha_preview_window_get_pdf_path (ZichaPreviewWindow *self)
{
  g_return_val_if_fail (ZICHA_IS_PREVIEW_WINDOW (self), NULL);

  return self->pdf_path;
}

guint
zicha_preview_window_get_n_pages (ZichaPreviewWindow *self)
{
  g_return_val_if_fail (ZICHA_IS_PREVIEW_WINDOW (self), 0);

  return self->pdf != NULL ? poppler_document_get_n_pages (self->pdf) : 0;
}

void
zicha_preview_window_show_report (ZichaPreviewWindow *self,
                                  gboolean            report)
{
  g_return_if_fail (ZICHA_IS_PREVIEW_WINDOW (self));

  gtk_toggle_button_set_active (self->table_button, !report);
  if (report)
    {
      GtkWidget *report_button = gtk_widget_get_next_sibling (GTK_WIDGET (self->table_button));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (report_button), TRUE);
    }
}
