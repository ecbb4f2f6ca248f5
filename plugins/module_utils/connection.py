# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connect to a RouterOS v6 router over the API (8728) or api-ssl (8729) with librouteros.

Every failure becomes a RouterOSError whose message is one sentence saying what went wrong and what
to check. Values are exchanged as the raw words RouterOS sends: librouteros would turn a comment of
``yes`` into True, and the engine needs the words as printed to compare them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import socket
import ssl
import traceback

from ansible_collections.soho.routeros.plugins.module_utils.errors import RouterOSError

try:
    import librouteros
    from librouteros.exceptions import LibRouterosError, TrapError, MultiTrapError, FatalError

    HAS_LIBROUTEROS = True
    LIBROUTEROS_IMPORT_ERROR = None
except ImportError:
    HAS_LIBROUTEROS = False
    LIBROUTEROS_IMPORT_ERROR = traceback.format_exc()
    LibRouterosError = TrapError = MultiTrapError = FatalError = Exception

DEFAULT_PORT = 8728
DEFAULT_TLS_PORT = 8729
DEFAULT_TIMEOUT = 10

SUPPORTED_MAJOR = 6

# OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH and X509_V_ERR_IP_ADDRESS_MISMATCH: a trusted certificate for another host.
NAME_MISMATCH = (62, 64)

# The connection options of every module (the doc fragment soho.routeros.api documents them).
OPTIONS = {
    'hostname': {'type': 'str'},
    'username': {'type': 'str'},
    'password': {'type': 'str', 'no_log': True},
    'port': {'type': 'int'},
    'tls': {'type': 'bool', 'default': False},
    'ca_path': {'type': 'path'},
    'validate_certs': {'type': 'bool', 'default': True},
    'timeout': {'type': 'int', 'default': DEFAULT_TIMEOUT},
    'login_method': {'type': 'str', 'choices': ['plain', 'token'], 'default': 'plain'},
}


# The commands that change entries of a path. After one, a cache that knows which paths a write to that path can change
# (``reach``) forgets only those; after any other command (run, enable, a /sim command) it forgets everything.
WRITES = ('add', 'set', 'remove', 'move', 'unset')


class ReadCache(object):
    """The rows of the prints of a session, reused until something written through it may have changed them.

    ``reach`` maps a path to the paths a write to it can change, itself included (a firewall rule changes its own
    table only). A write to a path it does not name empties the whole cache: one write can change other paths (a
    renamed port shows in /interface and in every entry that names it, a DHCP client adds addresses and routes).
    ``widen`` maps a path to the properties every print of it asks for, so that reads of the same path with other
    property lists (facts, gathered, merged) cost one print.
    """

    def __init__(self, widen=None, reach=None):
        self.widen = widen or {}
        self.reach = reach or {}
        self.rows = {}

    def written(self, path, command):
        """Forget what ``command`` on ``path`` may have changed."""
        reach = self.reach.get(path) if command in WRITES else None
        if reach is None:
            self.rows.clear()
        for changed in reach or ():
            self.rows.pop(changed, None)

    def clear(self):
        self.rows.clear()

    def lookup(self, path, proplist):
        """The cached rows of ``path`` with only the ``proplist`` properties, as RouterOS would print them; or None."""
        names, rows = self.rows.get(path, ((), None))
        if rows is None or not set(proplist) <= set(names):
            return None
        wanted = set(proplist)
        return [dict((k, v) for k, v in row.items() if k in wanted) for row in rows]

    def wider(self, path, proplist):
        """The property list to print ``path`` with: what is asked, what the path always needs, what is cached."""
        names = list(proplist)
        for extra in (self.widen.get(path, ()), self.rows.get(path, ((), None))[0]):
            names.extend(n for n in extra if n not in names)
        return names

    def store(self, path, names, rows):
        self.rows[path] = (tuple(names), rows)


class Client(object):
    """A logged-in API session. Rows are dicts of the words RouterOS printed.

    ``reads`` is a ReadCache when the session's prints may be reused (a task's own session, or the session of a whole
    run kept by the soho.routeros.api connection); None sends every print.
    """

    def __init__(self, api, where):
        self.api = api
        self.where = where
        self.resource = {}
        self.reads = None
        self.broken = False

    def call(self, path, command, attrs=None, extra=()):
        """Run ``path/command`` and return its ``!re`` rows, then the ``!done`` attributes if it has any."""
        rows, done = self.exchange(path, command, attrs, extra)
        return rows + [done] if done else rows

    def exchange(self, path, command, attrs=None, extra=()):
        """Run ``path/command``; its ``!re`` rows and the attributes of its ``!done`` (``ret`` of an add)."""
        cmd = '%s/%s' % (path.rstrip('/'), command)
        if self.reads is not None and command not in ('print', 'getall'):
            self.reads.written(path, command)
        words = ['=%s=%s' % (k, v) for k, v in (attrs or {}).items()] + list(extra)
        with self._talking(cmd):
            self.api.protocol.writeSentence(cmd, *words)
            return self._read(cmd)

    @contextlib.contextmanager
    def _talking(self, cmd):
        """Errors of one exchange as one sentence; a session that lost its place in the stream is marked broken."""
        try:
            yield
        except RouterOSError:
            raise
        except (socket.timeout, TimeoutError):
            self.broken = True
            raise RouterOSError('%s did not answer %r within the timeout; the router is busy or the connection is blocked.'
                                % (self.where, cmd))
        except UnicodeError:
            self.broken = True
            raise RouterOSError('%s answered %r with text that is not UTF-8 (a comment or name written in another '
                                'encoding); change that text on the router.' % (self.where, cmd))
        except (OSError, LibRouterosError) as exc:
            self.broken = True
            raise RouterOSError('Lost the connection to %s while running %r: %s.' % (self.where, cmd, _reason(exc)))

    def _sentence(self):
        """The reply word, its ``.tag`` (None without one) and its attributes, of the next sentence."""
        reply, words = self.api.protocol.readSentence()
        attrs, tag = {}, None
        for word in words:
            if word.startswith('='):
                name, value = word[1:].split('=', 1) if '=' in word[1:] else (word[1:], '')
                attrs[name] = value
            elif word.startswith('.tag='):
                tag = word[5:]
        return reply, tag, attrs

    def _read(self, cmd):
        rows, traps, done = [], [], None
        while done is None:
            reply, _tag, attrs = self._sentence()
            if reply == '!re':
                rows.append(attrs)
            elif reply == '!trap':
                traps.append(attrs.get('message', 'unknown error'))
            elif reply == '!done':
                done = attrs
        return self._result(cmd, rows, traps, done)

    @staticmethod
    def _result(cmd, rows, traps, done):
        if traps:
            hint = ''
            if any('no such command' in trap for trap in traps):
                hint = ' (this router has no such menu%s)' % (
                    ': in v6 the ipv6 package must be enabled and the router rebooted' if cmd.startswith('/ipv6/') else '')
            raise RouterOSError('RouterOS refused %r: %s%s.' % (cmd, '; '.join(traps), hint))
        return rows, done

    def print(self, path, proplist=None):
        if self.reads is None or not proplist:
            extra = ['=.proplist=%s' % ','.join(proplist)] if proplist else []
            return self.exchange(path, 'print', extra=extra)[0]
        rows = self.reads.lookup(path, proplist)
        if rows is None:
            names = self.reads.wider(path, proplist)
            self.reads.store(path, names, self.exchange(path, 'print', extra=['=.proplist=%s' % ','.join(names)])[0])
            rows = self.reads.lookup(path, proplist)
        return rows

    def _pipelined(self, sentences, label):
        """Send every ``(command, words)`` of ``sentences`` before reading any answer, each with its own ``.tag``;
        the ``(rows, traps, done)`` of each, in the order sent. On a link with latency N commands cost one wait."""
        answers = [([], [], {}) for sentence in sentences]
        with self._talking(label):
            for tag, (cmd, words) in enumerate(sentences):
                self.api.protocol.writeSentence(cmd, *(list(words) + ['.tag=%d' % tag]))
            waiting = set(range(len(sentences)))
            while waiting:
                reply, tag, attrs = self._sentence()
                number = int(tag) if tag is not None and tag.isdigit() else None
                if number not in waiting:
                    continue
                rows, traps, done = answers[number]
                if reply == '!re':
                    rows.append(attrs)
                elif reply == '!trap':
                    traps.append(attrs.get('message', 'unknown error'))
                elif reply == '!done':
                    done.update(attrs)
                    waiting.discard(number)
        return answers

    def prefetch(self, reads):
        """Print every ``(path, proplist)`` of ``reads`` that the cache cannot answer, all in one round trip.

        A refused print is not kept (its own print reports it).
        """
        if self.reads is None:
            return
        pending = {}
        for path, proplist in reads:
            if path in pending or self.reads.lookup(path, proplist) is not None:
                continue
            pending[path] = self.reads.wider(path, proplist)
        if not pending:
            return
        sentences = [('%s/print' % path.rstrip('/'), ['=.proplist=%s' % ','.join(names)]) for path, names in pending.items()]
        answers = self._pipelined(sentences, '%s/print' % ', '.join(pending))
        for (path, names), (rows, traps, done) in zip(pending.items(), answers):
            if not traps:
                self.reads.store(path, names, rows)

    def batch(self, path, calls):
        """Run every ``(command, attrs)`` of ``calls`` on ``path`` in one round trip, in that order; the ``!done``
        attributes of each (``ret`` of an add). When RouterOS refuses any, the first refusal is raised once every
        answer is in: the calls after it were made too (the next run finds them, as after a lost connection)."""
        base = path.rstrip('/')
        if self.reads is not None:
            for command, attrs in calls:
                self.reads.written(path, command)
        sentences = [('%s/%s' % (base, command), ['=%s=%s' % (k, v) for k, v in attrs.items()]) for command, attrs in calls]
        answers = self._pipelined(sentences, '%s/%s' % (base, calls[0][0]) if len(calls) == 1 else '%s (%d commands)' % (base, len(calls)))
        for (cmd, words), (rows, traps, done) in zip(sentences, answers):
            self._result(cmd, rows, traps, done)
        return [done for rows, traps, done in answers]

    def add(self, path, attrs):
        return self.exchange(path, 'add', attrs)[1].get('ret')

    def set(self, path, ident, attrs):
        if ident is not None:
            attrs = dict(attrs, **{'.id': ident})
        self.call(path, 'set', attrs)

    def remove(self, path, ident):
        self.call(path, 'remove', {'.id': ident})

    @property
    def local_address(self):
        """The address this controller talks to the router from, as its socket sees it (None when unknown)."""
        return self._socket_address('getsockname')

    @property
    def peer_address(self):
        """The address of the router this session talks to (None when unknown)."""
        return self._socket_address('getpeername')

    def _socket_address(self, which):
        try:
            return getattr(self.api.protocol.transport.sock, which)()[0]
        except (AttributeError, OSError, IndexError):
            return None

    def close(self):
        try:
            self.api.close()
        except Exception:  # closing a broken socket has nothing left to report
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _reason(exc):
    if isinstance(exc, (ConnectionResetError, BrokenPipeError)):
        # The router closed the connection while sentences were still going out (pipelined prints): the same loss
        # as a close seen on reading, in the same words.
        return 'Connection unexpectedly closed (%s)' % (exc.strerror or exc.__class__.__name__)
    text = str(exc).strip().rstrip('.')
    return text or exc.__class__.__name__


def _ssl_wrapper(host, ca_path, validate_certs):
    if validate_certs:
        try:
            context = ssl.create_default_context(cafile=ca_path or None)
        except (OSError, ssl.SSLError) as exc:
            raise RouterOSError('Cannot read the CA certificate %r: %s.' % (ca_path, _reason(exc)))
    else:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        # api-ssl without a certificate offers anonymous Diffie-Hellman only (TLS 1.2). DEFAULT would
        # remove the ADH suites for good, so the list starts from HIGH.
        context.set_ciphers('HIGH:ADH:@SECLEVEL=0')
    return lambda sock: context.wrap_socket(sock, server_hostname=host)


def connect(hostname=None, username=None, password=None, port=None, tls=False, ca_path=None,
            validate_certs=True, timeout=None, login_method='plain'):
    """A logged-in Client for a RouterOS v6 router, or RouterOSError with one sentence."""
    if not HAS_LIBROUTEROS:
        raise RouterOSError('The Python library librouteros is needed on the Ansible controller: pip install librouteros.')
    if not hostname:
        raise RouterOSError('No router address: set the hostname option or ansible_host in the inventory.')
    if not username:
        raise RouterOSError('No user name: set the username option or ansible_user in the inventory.')
    port = int(port or (DEFAULT_TLS_PORT if tls else DEFAULT_PORT))
    timeout = timeout or DEFAULT_TIMEOUT
    where = '%s:%s' % (hostname, port)
    service = 'api-ssl' if tls else 'api'
    kwargs = {
        'port': port,
        'timeout': timeout,
        'encoding': 'utf-8',
        'login_method': librouteros.login.token if login_method == 'token' else librouteros.login.plain,
    }
    if tls:
        # Only an explicit false turns verification off; an option left unset verifies.
        kwargs['ssl_wrapper'] = _ssl_wrapper(hostname, ca_path, validate_certs is not False)
    try:
        api = librouteros.connect(hostname, username, password or '', **kwargs)
    except ConnectionRefusedError:
        raise RouterOSError('%s refused the connection; check the port and that the %s service is enabled in /ip service.'
                            % (where, service))
    except (socket.timeout, TimeoutError):
        raise RouterOSError('%s did not answer within %s seconds; check the address, the firewall and that the %s '
                            'service is enabled.' % (where, timeout, service))
    except socket.gaierror as exc:
        raise RouterOSError('Cannot resolve the router address %r: %s.' % (hostname, _reason(exc)))
    except ssl.SSLCertVerificationError as exc:
        reason = (exc.verify_message or _reason(exc)).rstrip('.')
        if exc.verify_code in NAME_MISMATCH:
            raise RouterOSError('The TLS certificate of %s is made for another host than %s (%s); connect with a name the '
                                'certificate holds (ansible_host), or give api-ssl a certificate made for %s.'
                                % (where, hostname, reason, hostname))
        raise RouterOSError('The TLS certificate of %s is not trusted (%s); set ca_path (routeros_api_ca_path) to the CA '
                            'that signed it.' % (where, reason))
    except ssl.SSLError as exc:
        if validate_certs is False:
            hint = 'check that the port is the api-ssl service'
        else:
            # A v6 api-ssl without a certificate offers anonymous Diffie-Hellman only, which no verifying client accepts.
            hint = ('check that the port is the api-ssl service and that the router has a certificate for it: with '
                    'certificate=none it offers only unverified anonymous TLS (import one and set /ip service api-ssl '
                    'certificate=NAME, or set validate_certs false)')
        raise RouterOSError('The TLS handshake with %s failed (%s); %s.' % (where, _reason(exc), hint))
    except (TrapError, MultiTrapError) as exc:
        if 'password' in str(exc) or 'cannot log in' in str(exc):
            raise RouterOSError('Login to %s as %r failed: wrong user name or password.' % (where, username))
        raise RouterOSError('Login to %s as %r failed: %s.' % (where, username, _reason(exc)))
    except (FatalError, LibRouterosError, ConnectionResetError, ConnectionAbortedError, BrokenPipeError) as exc:
        # RouterOS closes a connection at once when the service's address= list leaves the client out.
        raise RouterOSError('%s closed the connection during login (%s); check that the %s service in /ip service allows '
                            "this controller's address (address=), and login_method (plain for RouterOS 6.43 and later, "
                            'token before) and tls.' % (where, _reason(exc), service))
    except UnicodeError:
        raise RouterOSError('Login to %s failed: the user name or password has characters login_method %s cannot send.'
                            % (where, login_method))
    except (KeyError, StopIteration):
        raise RouterOSError('%s did not send a login challenge; use login_method plain for RouterOS 6.43 and later.' % where)
    except OSError as exc:
        raise RouterOSError('Cannot reach %s: %s.' % (where, exc.strerror or _reason(exc)))
    client = Client(api, where)
    try:
        check_version(client)
    except RouterOSError as exc:
        client.close()
        # Before 6.43 a plain login is answered like the first step of a token login: it seems to
        # succeed, and the first command is refused.
        if 'not logged in' in str(exc) and login_method != 'token':
            raise RouterOSError('Login to %s as %r did not take: RouterOS older than 6.43 needs login_method token '
                                '(routeros_api_login_method: token).' % (where, username))
        raise
    return client


def check_version(client):
    """Refuse a router this collection cannot configure correctly (v7 changed many menus)."""
    rows = client.print('/system/resource', ['version', 'board-name', 'uptime', 'architecture-name'])
    client.resource = rows[0] if rows else {}
    version = client.resource.get('version', '')
    try:
        major = int(version.split('.')[0])
    except ValueError:
        raise RouterOSError('%s reports an unreadable RouterOS version %r.' % (client.where, version))
    if major != SUPPORTED_MAJOR:
        raise RouterOSError('%s runs RouterOS %s; this collection configures RouterOS v6 only.' % (client.where, version))


def from_params(params):
    """A logged-in Client from the connection options of a module's parameters, for this caller alone."""
    return connect(**dict((name, params.get(name)) for name in OPTIONS))


class Sessions(object):
    """The logged-in clients of one playbook run on one router, one per set of connection options.

    The soho.routeros.api connection keeps one in its process for the whole run: every task after the first reuses
    the login, the /system/resource read of the login and, until a write may have changed them, the prints.
    """

    def __init__(self, widen=None, reach=None):
        self.widen = widen or {}
        self.reach = reach or {}
        self.clients = {}

    def client(self, params):
        key = tuple(str(params.get(name)) for name in OPTIONS)
        client = self.clients.get(key)
        if client is None or client.broken:
            if client is not None:
                client.close()
            client = from_params(params)
            client.reads = ReadCache(self.widen, self.reach)
            self.clients[key] = client
        return client

    def forget(self):
        """Drop every cached print: the router may have changed in a way this process did not see."""
        for client in self.clients.values():
            client.reads.clear()

    def close(self):
        for client in self.clients.values():
            client.close()
        self.clients.clear()


_KEPT = []


def keep_sessions(widen=None, reach=None):
    """Make session() hand out the clients of one Sessions for the life of this process (the connection process)."""
    if not _KEPT:
        _KEPT.append(Sessions(widen, reach))
    return _KEPT[0]


@contextlib.contextmanager
def session(params):
    """The client a module runs on: the run's kept session when there is one, else a new one for this task only.

    A task's own session caches its prints too, so a module that reads a path more than once pays one print.
    """
    if _KEPT:
        yield _KEPT[0].client(params)
        return
    client = from_params(params)
    client.reads = ReadCache()
    with client:
        yield client


def close_sessions():
    """Log out of the kept sessions, if this process keeps any (the end of the connection process)."""
    if _KEPT:
        _KEPT[0].close()
