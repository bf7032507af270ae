/** The API throws the application's errors; the error filter renders them in the contract's envelope. */
export { AppError as ApiError } from '@motcua/application';
