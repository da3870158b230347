/* fault-proxy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "fault-proxy.h"

#define UPSTREAM_TIMEOUT 30  /* seconds */

struct _FaultProxy
{
  SoupServer   *server;
  SoupSession  *session;
  GCancellable *cancellable;
  char         *url;
  GUri         *upstream;
  GRand        *rand;
  guint         weights[FAULT_PROXY_N_KINDS];
  guint         max_delay_ms;
  GHashTable   *pending;        /* ProxyRequest* */

  guint         counts[FAULT_PROXY_N_KINDS];
  guint         n_requests;
  guint         n_upstream_errors;
  guint         n_empty_puts;
  guint         status_classes[6];
};

typedef struct
{
  FaultProxy        *proxy;     /* NULL once the proxy is gone */
  SoupServerMessage *msg;
  gulong             finished_id;
  gboolean           gone;      /* the message takes no answer any more */
  FaultProxyKind     kind;
  gboolean           delay_after;
  guint              delay_ms;
  guint              timeout_id;
  SoupMessage       *upstream_msg;
  GBytes            *upstream_body;
} ProxyRequest;

static const guint default_weights[FAULT_PROXY_N_KINDS] = {
  [FAULT_PROXY_PASS] = 40,
  [FAULT_PROXY_DROP] = 8,
  [FAULT_PROXY_DROP_AFTER] = 8,
  [FAULT_PROXY_DELAY] = 10,
  [FAULT_PROXY_500] = 7,
  [FAULT_PROXY_502] = 7,
  [FAULT_PROXY_503] = 8,
  [FAULT_PROXY_CUT] = 6,
  [FAULT_PROXY_CUT_FRAMED] = 6,
};

static const char * const kind_names[FAULT_PROXY_N_KINDS] = {
  [FAULT_PROXY_PASS] = "pass",
  [FAULT_PROXY_DROP] = "drop",
  [FAULT_PROXY_DROP_AFTER] = "drop-after-forward",
  [FAULT_PROXY_DELAY] = "delay",
  [FAULT_PROXY_500] = "500",
  [FAULT_PROXY_502] = "502",
  [FAULT_PROXY_503] = "503",
  [FAULT_PROXY_CUT] = "cut",
  [FAULT_PROXY_CUT_FRAMED] = "cut-framed",
};

/* Hop-by-hop headers, and those the body setters write themselves. */
static gboolean
is_forwarded_header (const char *name)
{
  static const char * const skipped[] = {
    "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
    "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "Content-Type",
    "Expect",
  };

  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    if (g_ascii_strcasecmp (name, skipped[i]) == 0)
      return FALSE;
  return TRUE;
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  if (is_forwarded_header (name))
    soup_message_headers_append (user_data, name, value);
}

static void
replace_header_cb (const char *name,
                   const char *value,
                   gpointer    user_data)
{
  if (is_forwarded_header (name))
    soup_message_headers_replace (user_data, name, value);
}

static void
request_finished_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  ProxyRequest *req = user_data;

  req->gone = TRUE;
}

static void
request_free (ProxyRequest *req)
{
  if (req->proxy != NULL)
    g_hash_table_remove (req->proxy->pending, req);
  g_clear_handle_id (&req->timeout_id, g_source_remove);
  g_clear_signal_handler (&req->finished_id, req->msg);
  g_clear_object (&req->msg);
  g_clear_object (&req->upstream_msg);
  g_clear_pointer (&req->upstream_body, g_bytes_unref);
  g_free (req);
}

/* Closes the client's connection after writing @data (nullable). */
static void
steal_and_close (SoupServerMessage *msg,
                 const char        *data,
                 gsize              size)
{
  g_autoptr(SoupServerMessage) keep = g_object_ref (msg);
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;
  if (data != NULL && size > 0)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), data, size, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
reply_status (SoupServerMessage *msg,
              guint              status,
              int                retry_after)
{
  g_autofree char *body = g_strdup_printf ("<html><head><title>%u %s</title></head><body><center><h1>%u %s</h1>"
                                           "</center><hr><center>fault-proxy</center></body></html>\n",
                                           status, soup_status_get_phrase (status),
                                           status, soup_status_get_phrase (status));

  soup_server_message_set_status (msg, status, NULL);
  if (retry_after >= 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%d", retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
    }
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, body, strlen (body));
}

/* The upstream's answer, with the first @body_size bytes of its body. */
static void
relay (ProxyRequest *req,
       gsize         body_size)
{
  SoupMessageHeaders *upstream = soup_message_get_response_headers (req->upstream_msg);
  const char *content_type = soup_message_headers_get_one (upstream, "Content-Type");
  gsize size = 0;
  const char *data = req->upstream_body != NULL ? g_bytes_get_data (req->upstream_body, &size) : NULL;

  soup_server_message_set_status (req->msg, soup_message_get_status (req->upstream_msg),
                                  soup_message_get_reason_phrase (req->upstream_msg));
  soup_message_headers_foreach (upstream, replace_header_cb, soup_server_message_get_response_headers (req->msg));
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_COPY, data, MIN (size, body_size));
  soup_server_message_unpause (req->msg);
}

static void
append_header_cb (const char *name,
                  const char *value,
                  gpointer    user_data)
{
  if (is_forwarded_header (name))
    g_string_append_printf (user_data, "%s: %s\r\n", name, value);
}

/* The answer as the upstream framed it, up to half its body; then the
 * connection closes. */
static void
cut (ProxyRequest *req)
{
  SoupMessageHeaders *upstream = soup_message_get_response_headers (req->upstream_msg);
  const char *content_type = soup_message_headers_get_one (upstream, "Content-Type");
  g_autoptr(GString) text = g_string_new (NULL);
  gsize size = 0;
  const char *data = req->upstream_body != NULL ? g_bytes_get_data (req->upstream_body, &size) : NULL;
  guint status = soup_message_get_status (req->upstream_msg);

  g_string_append_printf (text, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_foreach (upstream, append_header_cb, text);
  if (content_type != NULL)
    g_string_append_printf (text, "Content-Type: %s\r\n", content_type);
  g_string_append_printf (text, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n", size);
  if (data != NULL)
    g_string_append_len (text, data, size / 2);

  steal_and_close (req->msg, text->str, text->len);
}

static gboolean
delay_after_cb (gpointer user_data)
{
  ProxyRequest *req = user_data;

  req->timeout_id = 0;
  if (!req->gone)
    relay (req, G_MAXSIZE);
  request_free (req);
  return G_SOURCE_REMOVE;
}

static void
forwarded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ProxyRequest *req = user_data;
  FaultProxy *proxy = req->proxy;
  g_autoptr(GError) error = NULL;

  req->upstream_body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (proxy == NULL || req->gone)
    {
      request_free (req);
      return;
    }

  if (req->upstream_body == NULL)
    {
      proxy->n_upstream_errors++;
      reply_status (req->msg, SOUP_STATUS_BAD_GATEWAY, -1);
      soup_server_message_unpause (req->msg);
      request_free (req);
      return;
    }

  proxy->status_classes[MIN (soup_message_get_status (req->upstream_msg) / 100, 5)]++;

  switch (req->kind)
    {
    case FAULT_PROXY_DROP_AFTER:
      steal_and_close (req->msg, NULL, 0);
      break;
    case FAULT_PROXY_CUT:
      cut (req);
      break;
    case FAULT_PROXY_CUT_FRAMED:
      relay (req, g_bytes_get_size (req->upstream_body) / 2);
      break;
    case FAULT_PROXY_DELAY:
      if (req->delay_after)
        {
          req->timeout_id = g_timeout_add (req->delay_ms, delay_after_cb, req);
          return;
        }
      relay (req, G_MAXSIZE);
      break;
    case FAULT_PROXY_PASS:
    case FAULT_PROXY_DROP:
    case FAULT_PROXY_500:
    case FAULT_PROXY_502:
    case FAULT_PROXY_503:
    case FAULT_PROXY_N_KINDS:
    default:
      relay (req, G_MAXSIZE);
      break;
    }

  request_free (req);
}

static void
forward (ProxyRequest *req)
{
  FaultProxy *proxy = req->proxy;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  GUri *from = soup_server_message_get_uri (req->msg);
  g_autoptr(GUri) to = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *content_type;

  if (proxy->upstream == NULL)
    {
      proxy->n_upstream_errors++;
      reply_status (req->msg, SOUP_STATUS_BAD_GATEWAY, -1);
      soup_server_message_unpause (req->msg);
      request_free (req);
      return;
    }

  to = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (proxy->upstream), NULL,
                    g_uri_get_host (proxy->upstream), g_uri_get_port (proxy->upstream),
                    g_uri_get_path (from), g_uri_get_query (from), NULL);
  req->upstream_msg = soup_message_new_from_uri (soup_server_message_get_method (req->msg), to);
  soup_message_add_flags (req->upstream_msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_foreach (headers, copy_header_cb, soup_message_get_request_headers (req->upstream_msg));

  body = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  content_type = soup_message_headers_get_one (headers, "Content-Type");
  if (g_bytes_get_size (body) > 0 || soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    soup_message_set_request_body_from_bytes (req->upstream_msg,
                                              content_type != NULL ? content_type : "application/octet-stream",
                                              body);

  soup_session_send_and_read_async (proxy->session, req->upstream_msg, G_PRIORITY_DEFAULT,
                                    proxy->cancellable, forwarded_cb, req);
}

static gboolean
delay_before_cb (gpointer user_data)
{
  ProxyRequest *req = user_data;

  req->timeout_id = 0;
  if (req->gone)
    {
      request_free (req);
      return G_SOURCE_REMOVE;
    }
  forward (req);
  return G_SOURCE_REMOVE;
}

static FaultProxyKind
pick_kind (FaultProxy *proxy)
{
  guint total = 0;
  guint n;

  for (guint k = 0; k < FAULT_PROXY_N_KINDS; k++)
    total += proxy->weights[k];
  if (total == 0)
    return FAULT_PROXY_PASS;

  n = (guint) g_rand_int_range (proxy->rand, 0, (gint32) total);
  for (guint k = 0; k < FAULT_PROXY_N_KINDS; k++)
    {
      if (n < proxy->weights[k])
        return k;
      n -= proxy->weights[k];
    }
  return FAULT_PROXY_PASS;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  FaultProxy *proxy = user_data;
  FaultProxyKind kind = pick_kind (proxy);
  ProxyRequest *req;

  proxy->n_requests++;
  proxy->counts[kind]++;
  if (soup_server_message_get_method (msg) == SOUP_METHOD_PUT &&
      soup_server_message_get_request_body (msg)->length == 0)
    proxy->n_empty_puts++;

  switch (kind)
    {
    case FAULT_PROXY_DROP:
      steal_and_close (msg, NULL, 0);
      return;
    case FAULT_PROXY_500:
      reply_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, -1);
      return;
    case FAULT_PROXY_502:
      reply_status (msg, SOUP_STATUS_BAD_GATEWAY, -1);
      return;
    case FAULT_PROXY_503:
      reply_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, g_rand_int_range (proxy->rand, 0, 2));
      return;
    case FAULT_PROXY_PASS:
    case FAULT_PROXY_DROP_AFTER:
    case FAULT_PROXY_DELAY:
    case FAULT_PROXY_CUT:
    case FAULT_PROXY_CUT_FRAMED:
    case FAULT_PROXY_N_KINDS:
    default:
      break;
    }

  req = g_new0 (ProxyRequest, 1);
  req->proxy = proxy;
  req->msg = g_object_ref (msg);
  req->kind = kind;
  req->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (request_finished_cb), req);
  g_hash_table_add (proxy->pending, req);
  soup_server_message_pause (msg);

  if (kind == FAULT_PROXY_DELAY)
    {
      req->delay_ms = (guint) g_rand_int_range (proxy->rand, 1, (gint32) proxy->max_delay_ms + 1);
      req->delay_after = g_rand_boolean (proxy->rand);
      if (!req->delay_after)
        {
          req->timeout_id = g_timeout_add (req->delay_ms, delay_before_cb, req);
          return;
        }
    }

  forward (req);
}

FaultProxy *
fault_proxy_new (const char *upstream,
                 guint32     seed)
{
  FaultProxy *proxy = g_new0 (FaultProxy, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  proxy->rand = g_rand_new_with_seed (seed);
  memcpy (proxy->weights, default_weights, sizeof proxy->weights);
  proxy->max_delay_ms = 2000;
  proxy->pending = g_hash_table_new (NULL, NULL);
  proxy->cancellable = g_cancellable_new ();
  /* As many connections to the upstream as clients come: a proxy that
   * queued them would hide the server's own limits. */
  proxy->session = soup_session_new_with_options ("max-conns", 256, "max-conns-per-host", 256,
                                                  "timeout", UPSTREAM_TIMEOUT,
                                                  "idle-timeout", UPSTREAM_TIMEOUT, NULL);
  fault_proxy_set_upstream (proxy, upstream);

  proxy->server = soup_server_new ("server-header", "fault-proxy ", NULL);
  soup_server_add_handler (proxy->server, NULL, handler, proxy, NULL);
  if (!soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("fault-proxy: %s\n", error->message);
      fault_proxy_free (proxy);
      return NULL;
    }

  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return proxy;
}

void
fault_proxy_free (FaultProxy *proxy)
{
  GHashTableIter iter;
  gpointer key;

  if (proxy == NULL)
    return;

  /* Held requests go now; forwarded ones when their forward returns
   * (cancelled below), without the proxy. */
  g_hash_table_iter_init (&iter, proxy->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ProxyRequest *req = key;

      g_hash_table_iter_remove (&iter);
      req->proxy = NULL;
      if (req->timeout_id != 0)
        request_free (req);
    }
  g_cancellable_cancel (proxy->cancellable);

  if (proxy->server != NULL)
    soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->session);
  g_clear_object (&proxy->cancellable);
  g_clear_pointer (&proxy->upstream, g_uri_unref);
  g_clear_pointer (&proxy->rand, g_rand_free);
  g_clear_pointer (&proxy->pending, g_hash_table_unref);
  g_free (proxy->url);
  g_free (proxy);
}

const char *
fault_proxy_get_url (FaultProxy *proxy)
{
  return proxy->url;
}

void
fault_proxy_set_upstream (FaultProxy *proxy,
                          const char *upstream)
{
  g_clear_pointer (&proxy->upstream, g_uri_unref);
  if (upstream != NULL)
    {
      g_autoptr(GError) error = NULL;

      proxy->upstream = g_uri_parse (upstream, G_URI_FLAGS_ENCODED, &error);
      if (proxy->upstream == NULL)
        g_printerr ("fault-proxy: %s: %s\n", upstream, error->message);
    }
}

void
fault_proxy_set_weights (FaultProxy  *proxy,
                         const guint *weights)
{
  memcpy (proxy->weights, weights, sizeof proxy->weights);
}

void
fault_proxy_set_max_delay (FaultProxy *proxy,
                           guint       max_delay_ms)
{
  proxy->max_delay_ms = MAX (max_delay_ms, 1);
}

guint
fault_proxy_get_count (FaultProxy     *proxy,
                       FaultProxyKind  kind)
{
  g_return_val_if_fail (kind < FAULT_PROXY_N_KINDS, 0);

  return proxy->counts[kind];
}

guint
fault_proxy_get_n_requests (FaultProxy *proxy)
{
  return proxy->n_requests;
}

guint
fault_proxy_get_n_upstream_errors (FaultProxy *proxy)
{
  return proxy->n_upstream_errors;
}

guint
fault_proxy_get_n_empty_puts (FaultProxy *proxy)
{
  return proxy->n_empty_puts;
}

guint
fault_proxy_get_n_in_flight (FaultProxy *proxy)
{
  return g_hash_table_size (proxy->pending);
}

guint
fault_proxy_get_n_upstream_status (FaultProxy *proxy,
                                   guint       status_class)
{
  return status_class < G_N_ELEMENTS (proxy->status_classes) ? proxy->status_classes[status_class] : 0;
}

const char *
fault_proxy_kind_to_string (FaultProxyKind kind)
{
  return kind < FAULT_PROXY_N_KINDS ? kind_names[kind] : "?";
}
