/** Where each figure of the memory model comes from: the engine source at the versions the model describes. */
const redis = (file: string) => `https://github.com/redis/redis/blob/7.0.15/${file}`;
const valkey = (file: string) => `https://github.com/valkey-io/valkey/blob/7.2.5/${file}`;
const memcached = (file: string) => `https://github.com/memcached/memcached/blob/1.6.18/${file}`;

export const SRC = {
  dict: redis('src/dict.h'),
  dictC: redis('src/dict.c'),
  sds: redis('src/sds.h'),
  object: redis('src/object.c'),
  server: redis('src/server.h'),
  db: redis('src/db.c'),
  expire: redis('src/expire.c'),
  listpack: redis('src/listpack.c'),
  intset: redis('src/intset.h'),
  tHash: redis('src/t_hash.c'),
  tSet: redis('src/t_set.c'),
  tSet72: valkey('src/t_set.c'),
  tZset: redis('src/t_zset.c'),
  quicklist: redis('src/quicklist.h'),
  quicklistC: redis('src/quicklist.c'),
  tList72: valkey('src/t_list.c'),
  config: redis('src/config.c'),
  cluster: redis('src/cluster.h'),
  mcItem: memcached('memcached.h'),
  mcItems: memcached('items.c'),
  mcSlabs: memcached('slabs.c'),
  mcAssoc: memcached('assoc.c'),
  mcMain: memcached('memcached.c'),
} as const;
