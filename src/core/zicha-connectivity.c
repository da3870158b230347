/* zicha-connectivity.c — whether the platform can be reached, as a property
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-sync"

#include "config.h"

#include "zicha-connectivity.h"

struct _ZichaConnectivity
{
  GObject          parent_instance;

  GNetworkMonitor *monitor;        /* NULL for a manual one */
  gboolean         loopback;       /* the platform is on this machine */
  gboolean         online;
};

G_DEFINE_FINAL_TYPE (ZichaConnectivity, zicha_connectivity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ONLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_online (ZichaConnectivity *self,
            gboolean           online)
{
  online = !!online;
  if (self->online == online)
    return;

  self->online = online;
  g_debug ("Connectivity: %s", online ? "online" : "offline");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

static void
monitor_changed_cb (ZichaConnectivity *self)
{
  GNetworkConnectivity connectivity = g_network_monitor_get_connectivity (self->monitor);

  /* "network-available" is optimistic (a LAN without the Internet counts):
   * require full connectivity, except for a platform on this machine. */
  set_online (self, self->loopback || connectivity == G_NETWORK_CONNECTIVITY_FULL);
}

static void
zicha_connectivity_dispose (GObject *object)
{
  ZichaConnectivity *self = ZICHA_CONNECTIVITY (object);

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (zicha_connectivity_parent_class)->dispose (object);
}

static void
zicha_connectivity_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ZichaConnectivity *self = ZICHA_CONNECTIVITY (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zicha_connectivity_class_init (ZichaConnectivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zicha_connectivity_dispose;
  object_class->get_property = zicha_connectivity_get_property;

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zicha_connectivity_init (ZichaConnectivity *self)
{
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

ZichaConnectivity *
zicha_connectivity_new (const char *platform_url)
{
  ZichaConnectivity *self = g_object_new (ZICHA_TYPE_CONNECTIVITY, NULL);

  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->loopback = is_loopback_url (platform_url);
  g_signal_connect_swapped (self->monitor, "network-changed", G_CALLBACK (monitor_changed_cb), self);
  g_signal_connect_swapped (self->monitor, "notify::connectivity", G_CALLBACK (monitor_changed_cb), self);
  monitor_changed_cb (self);

  return self;
}

ZichaConnectivity *
zicha_connectivity_new_manual (gboolean online)
{
  ZichaConnectivity *self = g_object_new (ZICHA_TYPE_CONNECTIVITY, NULL);

  self->online = !!online;
  return self;
}

gboolean
zicha_connectivity_get_online (ZichaConnectivity *self)
{
  g_return_val_if_fail (ZICHA_IS_CONNECTIVITY (self), FALSE);

  return self->online;
}

void
zicha_connectivity_set_online (ZichaConnectivity *self,
                               gboolean           online)
{
  g_return_if_fail (ZICHA_IS_CONNECTIVITY (self));
  g_return_if_fail (self->monitor == NULL);

  set_online (self, online);
}
