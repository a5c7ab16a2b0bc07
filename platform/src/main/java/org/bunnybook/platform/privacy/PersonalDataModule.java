package org.bunnybook.platform.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import org.bunnybook.api.PersonalData;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * The Jackson side of {@link PersonalData}, installed only in the mapper Axon stores events, snapshots and dead letters
 * with ({@link PersonalDataSerialization}): a marked field is written sealed with its subject's key, and any sealed
 * string is opened when read, wherever an upcaster may have moved it. Aggregates and handlers see plain values, or
 * the placeholder once the subject is erased.
 */
class PersonalDataModule extends SimpleModule {

    PersonalDataModule(PersonalDataCipher cipher) {
        super("personal-data");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> writers) {
                return writers.stream().map(writer -> sealing(writer, writers, bean, cipher)).toList();
            }
        });
        addDeserializer(String.class, new OpeningDeserializer(cipher));
    }

    private static BeanPropertyWriter sealing(BeanPropertyWriter writer, List<BeanPropertyWriter> writers,
                                              BeanDescription bean, PersonalDataCipher cipher) {
        PersonalData marked = writer.getAnnotation(PersonalData.class);
        if (marked == null) {
            return writer;
        }
        BeanPropertyWriter subject = writers.stream().filter(other -> other.getName().equals(marked.subject()))
                .findFirst().orElseThrow(() -> new IllegalStateException(bean.getBeanClass().getName() + "."
                        + writer.getName() + " names a subject it does not have: " + marked.subject()));
        return new SealingWriter(writer, subject, marked, cipher);
    }

    /** Writes a marked field sealed with the key of the member its sibling {@code subject} field names. */
    private static final class SealingWriter extends BeanPropertyWriter {

        private final BeanPropertyWriter subject;
        private final PersonalData marked;
        private final PersonalDataCipher cipher;

        SealingWriter(BeanPropertyWriter base, BeanPropertyWriter subject, PersonalData marked,
                      PersonalDataCipher cipher) {
            super(base);
            this.subject = subject;
            this.marked = marked;
            this.cipher = cipher;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator json, SerializerProvider provider) throws Exception {
            Object value = get(bean);
            if (!(value instanceof String text) || PersonalDataCipher.isSealed(text)) {
                super.serializeAsField(bean, json, provider); // null, or sealed already (a dead letter's payload)
                return;
            }
            Object of = subject.get(bean);
            if (of == null) {
                throw new IllegalStateException(bean.getClass().getName() + "." + getName()
                        + " is personal data of nobody: its subject " + marked.subject() + " is null");
            }
            json.writeFieldName(_name);
            json.writeString(cipher.seal(of instanceof UUID id ? id : UUID.fromString(of.toString()), text,
                    marked.erasedAs()));
        }
    }

    /** Every string is read through the cipher: a sealed one opens (or reads as its placeholder), others stay. */
    private static final class OpeningDeserializer extends StdScalarDeserializer<String> {

        private final transient PersonalDataCipher cipher;

        OpeningDeserializer(PersonalDataCipher cipher) {
            super(String.class);
            this.cipher = cipher;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return cipher.open(StringDeserializer.instance.deserialize(parser, context));
        }
    }
}
