/* zicha-qr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-qr"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <qrencode.h>

#include "zicha-qr.h"

#define QUIET_ZONE 2

struct _ZichaQr
{
  guint   width;
  guint8 *modules;  /* width × width, 1 = dark */
};

ZichaQr *
zicha_qr_new (const char  *text,
              GError     **error)
{
  QRcode *code;
  ZichaQr *self;

  g_return_val_if_fail (text != NULL, NULL);

  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot make a QR code: %s"), g_strerror (saved_errno));
      return NULL;
    }

  self = g_new0 (ZichaQr, 1);
  self->width = (guint) code->width;
  self->modules = g_malloc (self->width * self->width);
  /* Bit 0 of each byte is the module's colour; the rest is encoder detail. */
  for (guint i = 0; i < self->width * self->width; i++)
    self->modules[i] = code->data[i] & 1;
  QRcode_free (code);

  return self;
}

void
zicha_qr_free (ZichaQr *self)
{
  if (self == NULL)
    return;
  g_free (self->modules);
  g_free (self);
}

guint
zicha_qr_get_width (ZichaQr *self)
{
  return self->width;
}

gboolean
zicha_qr_get_module (ZichaQr *self,
                     guint    x,
                     guint    y)
{
  g_return_val_if_fail (x < self->width && y < self->width, FALSE);
  return self->modules[y * self->width + x] != 0;
}

void
zicha_qr_draw (ZichaQr *self,
               cairo_t *cr,
               double   x,
               double   y,
               double   size)
{
  double module = size / (self->width + 2 * QUIET_ZONE);

  cairo_save (cr);
  cairo_translate (cr, x + QUIET_ZONE * module, y + QUIET_ZONE * module);
  cairo_scale (cr, module, module);
  cairo_new_path (cr);
  /* One rectangle per run of dark modules in a row: a small path. */
  for (guint row = 0; row < self->width; row++)
    {
      guint column = 0;

      while (column < self->width)
        {
          guint start;

          if (!self->modules[row * self->width + column])
            {
              column++;
              continue;
            }
          start = column;
          while (column < self->width && self->modules[row * self->width + column])
            column++;
          cairo_rectangle (cr, start, row, column - start, 1);
        }
    }
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_fill (cr);
  cairo_restore (cr);
}
