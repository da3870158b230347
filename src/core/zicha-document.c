/* zicha-document.c — layout, page decorations and PDF output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The builders (zicha-document-table.c, zicha-document-report.c) flow the
 * content into a ZichaPageLayout; this file adds what every page carries
 * (watermark, page numbers, verification code and QR code) while drawing,
 * since "共 M 页" is known only once everything is laid out.
 */
#define G_LOG_DOMAIN "zicha-document"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "zicha-digest.h"
#include "zicha-document.h"
#include "zicha-document-private.h"
#include "zicha-document-text.h"
#include "zicha-qr.h"

#define FOOTER_FROM_BOTTOM 44.0
#define QR_SIZE 46.0

struct _ZichaDocument
{
  GObject            parent_instance;

  ZichaDocumentKind  kind;
  ZichaAnswers      *answers;
  char              *unit_name;
  int                year;
  ZichaReportState   state;
  char              *digest;
  int                revision;
  char              *receipt_number;   /* the platform's, once received */
  GDateTime         *received_at;
  char              *body_family;
  char              *heading_family;

  /* After layout */
  ZichaPageLayout   *layout;
  char              *code;   /* verification code, or NULL */
  ZichaQr           *qr;
};

G_DEFINE_FINAL_TYPE (ZichaDocument, zicha_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (zicha-document-error-quark, zicha_document_error)

static void
invalidate (ZichaDocument *self)
{
  g_clear_pointer (&self->layout, zicha_page_layout_free);
  g_clear_pointer (&self->qr, zicha_qr_free);
  g_clear_pointer (&self->code, g_free);
}

static void
zicha_document_finalize (GObject *object)
{
  ZichaDocument *self = ZICHA_DOCUMENT (object);

  invalidate (self);
  g_clear_object (&self->answers);
  g_free (self->unit_name);
  g_free (self->digest);
  g_free (self->receipt_number);
  g_clear_pointer (&self->received_at, g_date_time_unref);
  g_free (self->body_family);
  g_free (self->heading_family);

  G_OBJECT_CLASS (zicha_document_parent_class)->finalize (object);
}

static void
zicha_document_class_init (ZichaDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_document_finalize;
}

static void
zicha_document_init (ZichaDocument *self)
{
  self->state = ZICHA_REPORT_DRAFT;
  self->revision = 1;
  self->body_family = g_strdup (ZICHA_DOCUMENT_BODY_FONT);
  self->heading_family = g_strdup (ZICHA_DOCUMENT_HEADING_FONT);
}

ZichaDocument *
zicha_document_new (ZichaDocumentKind  kind,
                    ZichaAnswers      *answers)
{
  ZichaDocument *self;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (answers), NULL);

  self = g_object_new (ZICHA_TYPE_DOCUMENT, NULL);
  self->kind = kind;
  self->answers = g_object_ref (answers);
  return self;
}

ZichaDocumentKind
zicha_document_get_kind (ZichaDocument *self)
{
  g_return_val_if_fail (ZICHA_IS_DOCUMENT (self), ZICHA_DOCUMENT_TABLE);
  return self->kind;
}

void
zicha_document_set_report (ZichaDocument *self,
                           ZichaReport   *report)
{
  g_return_if_fail (ZICHA_IS_DOCUMENT (self));
  g_return_if_fail (ZICHA_IS_REPORT (report));

  zicha_document_set_unit_name (self, zicha_report_get_unit_name (report));
  self->year = zicha_report_get_year (report);
  zicha_document_set_state (self, zicha_report_get_state (report));
  zicha_document_set_digest (self, zicha_report_get_digest (report));
  zicha_document_set_revision (self, zicha_report_get_revision (report));
}

void
zicha_document_set_receipt (ZichaDocument *self,
                            const char    *number,
                            GDateTime     *received_at)
{
  g_return_if_fail (ZICHA_IS_DOCUMENT (self));

  g_free (self->receipt_number);
  self->receipt_number = g_strdup (number);
  g_clear_pointer (&self->received_at, g_date_time_unref);
  self->received_at = received_at != NULL ? g_date_time_ref (received_at) : NULL;
  invalidate (self);
}

void
zicha_document_set_unit_name (ZichaDocument *self,
                              const char    *unit_name)
{
  g_return_if_fail (ZICHA_IS_DOCUMENT (self));

  g_free (self->unit_name);
  self->unit_name = unit_name != NULL && *unit_name != '\0' ? g_strdup (unit_name) : NULL;
  invalidate (self);
}

void
zicha_document_set_state (ZichaDocument    *self,
                          ZichaReportState  state)
{
  g_return_if_fail (ZICHA_IS_DOCUMENT (self));

  self->state = state;
  invalidate (self);
}

void
zicha_document_set_digest (ZichaDocument *self,
                           const char    *digest)
{
  g_return_if_fail (ZICHA_IS_DOCUMENT (self));

  g_free (self->digest);
  self->digest = g_strdup (digest);
  invalidate (self);
}

void
zicha_document_set_revision (ZichaDocument *self,
                             int            revision)
{
  g_return_if_fail (ZICHA_IS_DOCUMENT (self));

  self->revision = revision;
  invalidate (self);
}

void
zicha_document_set_fonts (ZichaDocument *self,
                          const char    *body_family,
                          const char    *heading_family)
{
  g_return_if_fail (ZICHA_IS_DOCUMENT (self));
  g_return_if_fail (body_family != NULL && heading_family != NULL);

  g_free (self->body_family);
  g_free (self->heading_family);
  self->body_family = g_strdup (body_family);
  self->heading_family = g_strdup (heading_family);
  invalidate (self);
}

char *
zicha_document_verification_code_for_digest (const char *digest)
{
  g_autofree char *upper = NULL;

  if (digest == NULL || strlen (digest) < 12)
    return NULL;
  for (guint i = 0; i < 12; i++)
    if (!g_ascii_isxdigit (digest[i]))
      return NULL;

  upper = g_ascii_strup (digest, 12);
  return g_strdup_printf ("%.4s-%.4s-%.4s", upper, upper + 4, upper + 8);
}

const char *
zicha_document_get_verification_code (ZichaDocument *self)
{
  g_return_val_if_fail (ZICHA_IS_DOCUMENT (self), NULL);

  if (self->code == NULL && self->state != ZICHA_REPORT_DRAFT)
    self->code = zicha_document_verification_code_for_digest (self->digest);
  return self->code;
}

static char *
dup_unit_name (ZichaDocument *self)
{
  ZichaForm *form = zicha_answers_get_form (self->answers);
  g_autofree char *row_id = NULL;
  ZichaFormItem *item;
  JsonNode *value;

  if (self->unit_name != NULL)
    return g_strdup (self->unit_name);

  item = zicha_form_lookup_item (form, zicha_document_text_get ()->unit_path, &row_id);
  value = item != NULL ? zicha_answers_get_value (self->answers, item, NULL) : NULL;
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return NULL;
}

char *
zicha_document_dup_title (ZichaDocument *self)
{
  ZichaForm *form;
  g_autofree char *unit = NULL;
  g_autoptr(GString) title = NULL;

  g_return_val_if_fail (ZICHA_IS_DOCUMENT (self), NULL);

  form = zicha_answers_get_form (self->answers);
  if (self->kind == ZICHA_DOCUMENT_TABLE)
    return g_strdup (zicha_localized_text_get_zh (zicha_form_get_title (form)));

  unit = dup_unit_name (self);
  title = g_string_new (zicha_document_text_get ()->report_title);
  g_string_replace (title, "{unit}", unit != NULL ? unit : "", 0);
  return g_string_free (g_steal_pointer (&title), FALSE);
}

/* Layout --------------------------------------------------------------------- */

/* Whether fontconfig gives @family itself, not a fallback. */
static gboolean
font_is_installed (PangoContext *context,
                   const char   *family)
{
  g_autoptr(PangoFontDescription) wanted = pango_font_description_from_string (family);
  g_autoptr(PangoFont) font = NULL;
  g_autoptr(PangoFontDescription) got = NULL;
  const char *got_family;

  pango_font_description_set_family (wanted, family);
  pango_font_description_set_absolute_size (wanted, 12 * PANGO_SCALE);
  font = pango_context_load_font (context, wanted);
  if (font == NULL)
    return FALSE;
  got = pango_font_describe (font);
  got_family = pango_font_description_get_family (got);
  return got_family != NULL && g_ascii_strcasecmp (got_family, family) == 0;
}

gboolean
zicha_document_check_fonts (PangoContext  *context,
                            const char    *body_family,
                            const char    *heading_family,
                            GError       **error)
{
  if (font_is_installed (context, body_family) && font_is_installed (context, heading_family))
    return TRUE;

  g_set_error (error, ZICHA_DOCUMENT_ERROR, ZICHA_DOCUMENT_ERROR_FONTS_MISSING,
               _("The Chinese fonts “%s” and “%s” are not installed (package fonts-noto-cjk)"),
               body_family, heading_family);
  return FALSE;
}

gboolean
zicha_document_layout (ZichaDocument  *self,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(ZichaPageLayout) layout = NULL;
  g_autoptr(ZichaValidation) validation = NULL;
  g_autofree char *unit = NULL;
  ZichaDocumentBuild build = { 0 };
  gboolean ok;

  g_return_val_if_fail (ZICHA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  invalidate (self);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  layout = zicha_page_layout_new (self->body_family, self->heading_family);
  if (!zicha_document_check_fonts (zicha_page_layout_get_context (layout),
                                   self->body_family, self->heading_family, error))
    return FALSE;

  /* Validation says which items apply; only those are printed. */
  validation = zicha_validate (self->answers, NULL);
  unit = dup_unit_name (self);

  build.layout = layout;
  build.form = zicha_answers_get_form (self->answers);
  build.answers = self->answers;
  build.validation = validation;
  build.unit_name = unit;
  build.cancellable = cancellable;

  if (self->kind == ZICHA_DOCUMENT_TABLE)
    ok = zicha_document_build_table (&build, error);
  else
    ok = zicha_document_build_report (&build, error);
  if (!ok)
    return FALSE;

  if (zicha_document_get_verification_code (self) != NULL)
    {
      self->qr = zicha_qr_new (self->code, error);
      if (self->qr == NULL)
        return FALSE;
    }

  self->layout = g_steal_pointer (&layout);
  return TRUE;
}

guint
zicha_document_get_n_pages (ZichaDocument *self)
{
  g_return_val_if_fail (ZICHA_IS_DOCUMENT (self), 0);

  return self->layout != NULL ? zicha_page_layout_get_n_pages (self->layout) : 0;
}

void
zicha_document_get_page_size (ZichaDocument *self,
                              guint          page_index,
                              double        *width,
                              double        *height)
{
  g_return_if_fail (ZICHA_IS_DOCUMENT (self));
  g_return_if_fail (self->layout != NULL);

  zicha_page_layout_get_page_size (self->layout, page_index, width, height);
}

/* Drawing -------------------------------------------------------------------- */

static void
draw_watermark (ZichaDocument *self,
                cairo_t       *cr,
                double         width,
                double         height)
{
  const char *text = zicha_document_text_get ()->watermark;

  cairo_save (cr);
  cairo_translate (cr, width / 2, height / 2);
  cairo_rotate (cr, -atan2 (height, width));
  cairo_set_source_rgb (cr, 0.86, 0.86, 0.86);
  /* Centred on the page: the layout's box is 400 wide, about 1.3 em tall. */
  zicha_page_layout_draw_text (self->layout, cr, ZICHA_TEXT_WATERMARK, text, -200, -90, 400, ZICHA_ALIGN_CENTER);
  cairo_restore (cr);
}

static char *
fill (const char *template,
      const char *key,
      const char *value,
      const char *key2,
      const char *value2)
{
  g_autoptr(GString) out = g_string_new (template);

  g_string_replace (out, key, value, 0);
  if (key2 != NULL)
    g_string_replace (out, key2, value2, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The QR code drawn once, for a PDF: it becomes one form XObject that
 * every page refers to, not a hundred rectangles on each page. */
static cairo_pattern_t *
record_qr (ZichaDocument *self)
{
  cairo_rectangle_t extents = { 0, 0, QR_SIZE, QR_SIZE };
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_t *cr = cairo_create (recording);
  cairo_pattern_t *pattern;

  zicha_qr_draw (self->qr, cr, 0, 0, QR_SIZE);
  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (recording);
  cairo_surface_destroy (recording);
  return pattern;
}

/* @qr_pattern: from record_qr(), or NULL to draw the QR code itself. */
static void
draw_footer (ZichaDocument   *self,
             cairo_t         *cr,
             guint            page_index,
             double           width,
             double           height,
             cairo_pattern_t *qr_pattern)
{
  const ZichaDocumentText *text = zicha_document_text_get ();
  g_autofree char *page = g_strdup_printf ("%u", page_index + 1);
  g_autofree char *pages = g_strdup_printf ("%u", zicha_page_layout_get_n_pages (self->layout));
  g_autofree char *footer = fill (text->footer, "{page}", page, "{pages}", pages);
  double margin = width > height ? 46.0 : 62.0;
  double y = height - FOOTER_FROM_BOTTOM;

  cairo_set_source_rgb (cr, 0, 0, 0);
  zicha_page_layout_draw_text (self->layout, cr, ZICHA_TEXT_FOOTER, footer, margin, y, width - 2 * margin,
                               ZICHA_ALIGN_CENTER);

  if (self->qr != NULL)
    {
      g_autofree char *code = fill (text->verification, "{code}", self->code, NULL, NULL);

      if (self->revision > 1)
        {
          g_autofree char *number = g_strdup_printf ("%d", self->revision);
          g_autofree char *revision = fill (text->revision, "{revision}", number, NULL, NULL);
          char *both = g_strconcat (code, "　", revision, NULL);

          g_free (code);
          code = both;
        }
      zicha_page_layout_draw_text (self->layout, cr, ZICHA_TEXT_FOOTER, code, margin, y, width / 2 - margin,
                                   ZICHA_ALIGN_LEFT);

      /* Printed with the receipt, the pages prove what was delivered. */
      if (self->receipt_number != NULL && self->received_at != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (self->received_at);
          g_autofree char *time = g_date_time_format (local, "%Y-%m-%d %H:%M");
          g_autofree char *receipt = fill (text->receipt, "{number}", self->receipt_number, "{time}", time);

          zicha_page_layout_draw_text (self->layout, cr, ZICHA_TEXT_FOOTER, receipt, margin, y + 12,
                                       width - 2 * margin - QR_SIZE, ZICHA_ALIGN_LEFT);
        }
      if (qr_pattern != NULL)
        {
          cairo_save (cr);
          cairo_translate (cr, width - margin - QR_SIZE + 4, y - QR_SIZE / 2 + 4);
          cairo_set_source (cr, qr_pattern);
          cairo_paint (cr);
          cairo_restore (cr);
        }
      else
        zicha_qr_draw (self->qr, cr, width - margin - QR_SIZE + 4, y - QR_SIZE / 2 + 4, QR_SIZE);
    }
}

static void
render_page (ZichaDocument   *self,
             cairo_t         *cr,
             guint            page_index,
             double           width,
             double           height,
             cairo_pattern_t *qr_pattern)
{
  double page_width, page_height, scale;

  zicha_page_layout_get_page_size (self->layout, page_index, &page_width, &page_height);
  scale = MIN (width / page_width, height / page_height);

  cairo_save (cr);
  cairo_translate (cr, (width - page_width * scale) / 2, (height - page_height * scale) / 2);
  cairo_scale (cr, scale, scale);

  if (self->state == ZICHA_REPORT_DRAFT)
    draw_watermark (self, cr, page_width, page_height);
  zicha_page_layout_draw_page (self->layout, cr, page_index);
  draw_footer (self, cr, page_index, page_width, page_height, qr_pattern);

  cairo_restore (cr);
}

void
zicha_document_render_page (ZichaDocument *self,
                            cairo_t       *cr,
                            guint          page_index,
                            double         width,
                            double         height)
{
  g_return_if_fail (ZICHA_IS_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->layout != NULL);
  g_return_if_fail (page_index < zicha_page_layout_get_n_pages (self->layout));

  render_page (self, cr, page_index, width, height, NULL);
}

/* PDF ---------------------------------------------------------------------- */

typedef struct
{
  FILE *file;
  int   saved_errno;
} Output;

static cairo_status_t
write_output (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  Output *output = closure;

  if (output->saved_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, output->file) != length)
    {
      output->saved_errno = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/* Draws every page onto @surface; FALSE when cancelled. */
static gboolean
draw_pages (ZichaDocument             *self,
            cairo_surface_t           *surface,
            ZichaDocumentProgressFunc  progress,
            gpointer                   user_data,
            GCancellable              *cancellable,
            GError                   **error)
{
  guint n_pages = zicha_page_layout_get_n_pages (self->layout);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *qr_pattern = self->qr != NULL ? record_qr (self) : NULL;
  gboolean ok = TRUE;

  for (guint i = 0; i < n_pages; i++)
    {
      double width, height;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      zicha_page_layout_get_page_size (self->layout, i, &width, &height);
      cairo_pdf_surface_set_size (surface, width, height);
      render_page (self, cr, i, width, height, qr_pattern);
      cairo_show_page (cr);

      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        break;
      if (progress != NULL)
        progress (i + 1, n_pages, user_data);
    }

  cairo_destroy (cr);
  g_clear_pointer (&qr_pattern, cairo_pattern_destroy);
  return ok;
}

gboolean
zicha_document_save_pdf (ZichaDocument             *self,
                         const char                *path,
                         ZichaDocumentProgressFunc  progress,
                         gpointer                   user_data,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  g_autofree char *title = NULL;
  g_autofree char *unit = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Output output = { NULL, 0 };
  double width, height;
  gboolean ok;
  int fd;

  g_return_val_if_fail (ZICHA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->layout == NULL && !zicha_document_layout (self, cancellable, error))
    return FALSE;

  /* A temporary file beside the target, renamed over it at the end. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (template, O_WRONLY, 0644);
  if (fd < 0)
    return set_write_error (error, path, errno);
  output.file = fdopen (fd, "wb");
  if (output.file == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (template);
      return set_write_error (error, path, saved_errno);
    }

  zicha_page_layout_get_page_size (self->layout, 0, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_output, &output, width, height);
  title = zicha_document_dup_title (self);
  unit = dup_unit_name (self);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (unit != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, unit);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Zicha " PACKAGE_VERSION);

  ok = draw_pages (self, surface, progress, user_data, cancellable, error);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (ok && status != CAIRO_STATUS_SUCCESS && output.saved_errno == 0)
    {
      g_set_error (error, ZICHA_DOCUMENT_ERROR, ZICHA_DOCUMENT_ERROR_FAILED,
                   _("Cannot draw the document: %s"), cairo_status_to_string (status));
      ok = FALSE;
    }
  if (ok && output.saved_errno != 0)
    ok = set_write_error (error, path, output.saved_errno);
  if (ok && (fflush (output.file) != 0 || fsync (fileno (output.file)) != 0))
    ok = set_write_error (error, path, errno);
  if (fclose (output.file) != 0 && ok)
    ok = set_write_error (error, path, errno);
  if (ok && g_rename (template, path) != 0)
    ok = set_write_error (error, path, errno);

  if (!ok)
    g_unlink (template);
  return ok;
}
