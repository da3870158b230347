/* zicha-connectivity.h — whether the platform can be reached, as a property
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync scheduler sends when "online" becomes TRUE. The default
 * follows GNetworkMonitor: online when its connectivity is full, or, for a
 * platform on this machine (a loopback address or "localhost"), whenever
 * the monitor exists at all. A manual one is set by its owner (tests, a
 * "work offline" switch).
 *
 * The monitor is a hint: a request can still fail while "online", and the
 * sync handles that as any transient failure.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ZICHA_TYPE_CONNECTIVITY (zicha_connectivity_get_type ())

G_DECLARE_FINAL_TYPE (ZichaConnectivity, zicha_connectivity, ZICHA, CONNECTIVITY, GObject)

/* Follows g_network_monitor_get_default(). @platform_url (nullable) is the
 * URL to reach: a loopback host is always reachable. */
ZichaConnectivity *zicha_connectivity_new        (const char        *platform_url);
/* Changes only through zicha_connectivity_set_online(). */
ZichaConnectivity *zicha_connectivity_new_manual (gboolean           online);

gboolean           zicha_connectivity_get_online (ZichaConnectivity *self);
/* Manual ones only. */
void               zicha_connectivity_set_online (ZichaConnectivity *self,
                                                  gboolean           online);

G_END_DECLS
