/* zicha-delivery-status.h — where a finalized report is on its way to the
 * platform: queued, sending, waiting to retry, refused, or received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-report-session.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_DELIVERY_STATUS (zicha_delivery_status_get_type ())

G_DECLARE_FINAL_TYPE (ZichaDeliveryStatus, zicha_delivery_status, ZICHA, DELIVERY_STATUS, AdwBin)

GtkWidget  *zicha_delivery_status_new       (ZichaReportSession  *session);
/* What it says now (for tests and screen readers). */
const char *zicha_delivery_status_get_text  (ZichaDeliveryStatus *self);
/* Reads the outbox and receipt again. */
void        zicha_delivery_status_update    (ZichaDeliveryStatus *self);

G_END_DECLS
