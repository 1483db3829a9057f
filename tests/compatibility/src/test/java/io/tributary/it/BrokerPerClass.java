package io.tributary.it;

import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** One broker per compatibility test class, with a reference Java client for writing and checking records. */
abstract class BrokerPerClass {

    private final int kafkaPort = FreePorts.next();
    private TributaryBroker broker;
    protected String bootstrap;
    protected Reference reference;

    @BeforeClass
    public void startBroker() throws Exception {
        broker = TributaryBroker.startKafka(kafkaPort);
        bootstrap = "localhost:" + kafkaPort;
        reference = new Reference(bootstrap);
    }

    @AfterClass(alwaysRun = true)
    public void stopBroker() {
        if (reference != null) {
            reference.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
