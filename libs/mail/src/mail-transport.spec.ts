import { addressOf, deliveryError, messageIdFor } from './mail-transport';

describe('deliveryError: what nodemailer threw, as retry or give up (RFC 5321 reply classes)', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user', permanent: true }, true],
    [{ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Rejected' }, true],
    [
      { code: 'EENVELOPE', responseCode: 451, response: '451 4.3.0 Try again later', permanent: false },
      false,
    ],
    [{ code: 'EPROTOCOL', responseCode: 421, response: '421 Service not available' }, false],
    // 503 (bad sequence) says the session was in the wrong state, not that the mail was refused.
    [{ code: 'EPROTOCOL', responseCode: 503, response: '503 Bad sequence of commands' }, false],
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, false],
    [{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, false],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, false],
    // No answer from the relay, but a mail that can never be sent as it is.
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, true],
  ])('%j → permanent %s', (err, permanent) => {
    const e = deliveryError(
      Object.assign(new Error(String((err as { message?: string }).message ?? 'x')), err),
    );
    expect(e.permanent).toBe(permanent);
    expect(e.responseCode).toBe((err as { responseCode?: number }).responseCode ?? null);
  });

  it('keeps the relay’s answer as the message, else the code and the error', () => {
    expect(
      deliveryError(Object.assign(new Error('x'), { response: '550 5.1.1 No such user ' })).message,
    ).toBe('550 5.1.1 No such user');
    expect(deliveryError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })).message).toBe(
      'ESOCKET: connect ECONNREFUSED',
    );
  });
});

describe('messageIdFor', () => {
  it('is the row id at the sender’s domain, the same on every attempt', () => {
    const id = '0b5d8a52-2f1e-4c1f-8f35-0c6a1c3e9a11';
    expect(messageIdFor(id, 'Bộ phận Một cửa <motcua@motcua.example>')).toBe(`<${id}@motcua.example>`);
    expect(messageIdFor(id, 'mc@thanhhoa.gov.vn')).toBe(`<${id}@thanhhoa.gov.vn>`);
    expect(addressOf('Một cửa <mc@thanhhoa.gov.vn>')).toBe('mc@thanhhoa.gov.vn');
  });
});
