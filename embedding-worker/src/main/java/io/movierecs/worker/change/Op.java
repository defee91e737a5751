package io.movierecs.worker.change;

/** Debezium's operation codes. */
public enum Op {
    CREATE("c"), UPDATE("u"), DELETE("d"), READ("r");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean isDelete() {
        return this == DELETE;
    }

    /** The op of a Debezium code; a {@link PoisonRecordException} for any other. */
    public static Op of(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new PoisonRecordException("unknown op '" + code + "' (expected c, u, d or r)");
    }
}
