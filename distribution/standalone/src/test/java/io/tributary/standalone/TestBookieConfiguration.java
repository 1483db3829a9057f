package io.tributary.standalone;

import org.apache.bookkeeper.conf.ServerConfiguration;

/** A bookie configuration for tests: loopback, no journal fsync, small caches. */
final class TestBookieConfiguration {

    private TestBookieConfiguration() {
    }

    static ServerConfiguration small() {
        ServerConfiguration conf = new ServerConfiguration();
        conf.setAllowLoopback(true);
        conf.setJournalSyncData(false);
        conf.setJournalRemovePagesFromCache(false);
        conf.setLedgerStorageClass("org.apache.bookkeeper.bookie.storage.ldb.DbLedgerStorage");
        conf.setHttpServerEnabled(false);
        conf.setProperty("dbStorage_writeCacheMaxSizeMb", 4);
        conf.setProperty("dbStorage_readAheadCacheMaxSizeMb", 4);
        return conf;
    }
}
