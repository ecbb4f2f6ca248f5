# -*- coding: utf-8 -*-
"""An in-memory stand-in for connection.Client, for unit tests of the engine."""


class FakeClient(object):
    """An in-memory stand-in for connection.Client: rows of words per path, and a log of writes."""

    def __init__(self, tables=None):
        self.tables = dict((path, [dict(row) for row in rows]) for path, rows in (tables or {}).items())
        self.writes = []
        self.prints = []
        # The calls of each batch (one round trip each on a router).
        self.batches = []
        self.next_id = 100

    def prefetch(self, reads):
        """Every print is answered from the tables: nothing to read ahead."""

    def print(self, path, proplist=None):
        self.prints.append((path, tuple(proplist or ())))
        rows = self.tables.get(path, [])
        if proplist:
            return [dict((k, v) for k, v in row.items() if k in proplist) for row in rows]
        return [dict(row) for row in rows]

    def _index(self, path, ident):
        for n, row in enumerate(self.tables[path]):
            if row.get('.id') == ident:
                return n
        raise AssertionError('no such item %s in %s' % (ident, path))

    def add(self, path, attrs):
        self.writes.append(('add', path, dict(attrs)))
        self.next_id += 1
        ident = '*%X' % self.next_id
        row = dict((k, v) for k, v in attrs.items() if k != 'place-before')
        row['.id'] = ident
        rows = self.tables.setdefault(path, [])
        if 'place-before' in attrs:
            rows.insert(self._index(path, attrs['place-before']), row)
        else:
            rows.append(row)
        return ident

    def set(self, path, ident, attrs):
        self.writes.append(('set', path, ident, dict(attrs)))
        rows = self.tables.setdefault(path, [{}])
        row = rows[0] if ident is None else rows[self._index(path, ident)]
        row.update(attrs)

    def remove(self, path, ident):
        self.writes.append(('remove', path, ident))
        del self.tables[path][self._index(path, ident)]

    def move(self, path, ident, destination=None):
        self.writes.append(('move', path, ident, destination))
        rows = self.tables[path]
        row = rows.pop(self._index(path, ident))
        if destination is None:
            rows.append(row)
        else:
            rows.insert(self._index(path, destination), row)

    def batch(self, path, calls):
        """The calls in order, as Client.batch runs them; the ``!done`` attributes of each."""
        self.batches.append([command for command, attrs in calls])
        answers = []
        for command, attrs in calls:
            attrs = dict(attrs)
            if command == 'add':
                answers.append({'ret': self.add(path, attrs)})
                continue
            if command == 'set':
                self.set(path, attrs.pop('.id', None), attrs)
            elif command == 'remove':
                self.remove(path, attrs['.id'])
            elif command == 'move':
                self.move(path, attrs['numbers'], attrs.get('destination'))
            answers.append({})
        return answers

    def close(self):
        pass
