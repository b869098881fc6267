package io.ticketsmith.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.spin.DataFormats;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.impl.JsonValueSerializer;
import org.camunda.spin.plugin.variable.value.SpinValue;
import org.camunda.spin.spi.DataFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps a JSON variable of up to {@value #TEXT_COLUMN_LENGTH} characters in its row's text column instead of a row of
 * {@code ACT_GE_BYTEARRAY}. Spin writes every JSON value as a byte array, so each of a request's eight JSON variables
 * cost a byte-array row for its value and another for its history, and the engine selected each one again before
 * replacing or deleting it: about 29 of a request's 209 statements. A longer value is a byte array as before.
 *
 * <p>Nothing outside the storage changes: the variables are still of type Json, with the same serialized text, for
 * Tasklist's forms, Cockpit, the engine REST API, expressions and the decision tables. The reader reads both forms,
 * so rows written before, or with {@code ticketsmith.engine.json-in-text-column=false} (which writes byte arrays
 * again), stay readable. A node of an earlier version reads only byte arrays: before the first node writes text, every
 * node must run a version with this reader (see the README).
 */
@Component
class JsonTextValuesPlugin extends AbstractProcessEnginePlugin {

    /** The text columns ({@code TEXT_}) of the variable, history and decision tables are {@code varchar(4000)}. */
    static final int TEXT_COLUMN_LENGTH = 4000;

    private final boolean writeText;

    JsonTextValuesPlugin(@Value("${ticketsmith.engine.json-in-text-column:true}") boolean writeText) {
        this.writeText = writeText;
    }

    /** Spin's serializer is replaced here when Spin's plugin ran first, else once every plugin's has run. */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getVariableSerializers().getSerializerByName(JsonSerializer.NAME) != null) {
            install(configuration.getVariableSerializers(), writeText);
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        install(configuration.getVariableSerializers(), writeText);
    }

    static void install(VariableSerializers serializers, boolean writeText) {
        TypedValueSerializer<?> spin = serializers.getSerializerByName(JsonSerializer.NAME);
        if (spin == null) {
            throw new IllegalStateException("The engine has no serializer for JSON values (Spin's plugin is missing)");
        }
        if (spin instanceof JsonSerializer) {
            return; // installed at postInit already
        }
        int index = serializers.getSerializerIndexByName(JsonSerializer.NAME);
        serializers.removeSerializer(spin);
        serializers.addSerializer(new JsonSerializer(DataFormats.json(), writeText), index);
    }

    /** Spin's serializer of JSON values, storing a short text in the text column. */
    static final class JsonSerializer extends JsonValueSerializer {

        /** Spin's name for its JSON serializer, stored with each value ({@code TYPE_}). */
        static final String NAME = "json";

        private final boolean writeText;

        JsonSerializer(DataFormat<SpinJsonNode> format, boolean writeText) {
            super(format);
            this.writeText = writeText;
        }

        @Override
        protected void writeToValueFields(SpinValue value, ValueFields fields, byte[] serialized) {
            String text = serialized == null || !writeText ? null : getSerializedStringValue(serialized);
            if (fitsTheTextColumn(text)) {
                fields.setTextValue(text);
                fields.setByteArrayValue(null);
            } else {
                fields.setTextValue(null);
                fields.setByteArrayValue(serialized);
            }
        }

        /**
         * A text column holds at most 4,000 characters (a string's length in UTF-16 units is never less than its
         * count of characters), and no NUL character, which PostgreSQL refuses in text. JSON written by Spin never
         * has a raw NUL; a serialized value sent through the REST API may, and it is kept in a byte array as before
         * instead of failing the call.
         */
        private static boolean fitsTheTextColumn(String text) {
            return text != null && text.length() <= TEXT_COLUMN_LENGTH && text.indexOf('\u0000') < 0;
        }

        @Override
        protected byte[] readSerializedValueFromFields(ValueFields fields) {
            String text = fields.getTextValue();
            return text != null ? getSerializedBytesValue(text) : fields.getByteArrayValue();
        }
    }
}
