/* zicha-qr.h — a QR code (libqrencode), drawn as vector squares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _ZichaQr ZichaQr;

/* Encodes @text (UTF-8) with error correction level M; NULL with
 * G_IO_ERROR_FAILED when it cannot (too long, out of memory). */
ZichaQr *zicha_qr_new        (const char  *text,
                              GError     **error);
void     zicha_qr_free       (ZichaQr     *self);

/* Modules per side, without the quiet zone. */
guint    zicha_qr_get_width  (ZichaQr     *self);
gboolean zicha_qr_get_module (ZichaQr     *self,
                              guint        x,
                              guint        y);

/* Fills the dark modules in the current source into the square at
 * (@x, @y) of side @size, which includes a quiet zone of two modules. */
void     zicha_qr_draw       (ZichaQr     *self,
                              cairo_t     *cr,
                              double       x,
                              double       y,
                              double       size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaQr, zicha_qr_free)

G_END_DECLS
