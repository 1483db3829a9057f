package io.tributary.storage.internal;

/** Opens the budgets' package-private accounting to tests of other storage packages. */
public final class Budgets {

    private Budgets() {
    }

    public static boolean tryHold(ReadAheadBudget budget, long bytes) {
        return budget.tryHold(bytes);
    }
}
