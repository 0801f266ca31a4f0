package io.ordersvc.platform.web.validation;

import io.ordersvc.shared.money.Money;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

/** A money field of a request is at least this amount (null passes: pair with @NotNull where required). */
@Documented
@Constraint(validatedBy = MinAmount.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface MinAmount {

    /** The least amount allowed, e.g. "0.01". */
    String value();

    String message() default "must be at least {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<MinAmount, Money> {
        private BigDecimal min;

        @Override
        public void initialize(MinAmount constraint) {
            min = new BigDecimal(constraint.value());
        }

        @Override
        public boolean isValid(Money value, ConstraintValidatorContext context) {
            return value == null || value.amount().compareTo(min) >= 0;
        }
    }
}
